package org.enverify.signing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import org.enverify.platform.crypto.CryptoProvider;

/** ES256 JWTs on the fastest available provider; signatures are R‖S, 64 bytes, as JOSE requires. */
final class Es256 {

    private Es256() {}

    static ECDSASigner signer(ECPrivateKey key) {
        try {
            ECDSASigner signer = new ECDSASigner(nativeKey(key, ECPrivateKey.class));
            if (CryptoProvider.nativeOrNull() != null) {
                signer.getJCAContext().setProvider(CryptoProvider.nativeOrNull());
            }
            return signer;
        } catch (JOSEException e) {
            throw new IllegalStateException("Not a P-256 key", e);
        }
    }

    static ECDSAVerifier verifier(ECPublicKey key) {
        try {
            ECDSAVerifier verifier = new ECDSAVerifier(nativeKey(key, ECPublicKey.class));
            if (CryptoProvider.nativeOrNull() != null) {
                verifier.getJCAContext().setProvider(CryptoProvider.nativeOrNull());
            }
            return verifier;
        } catch (JOSEException e) {
            throw new IllegalStateException("Not a P-256 key", e);
        }
    }

    /**
     * The key as the native provider's own key object. Given a JDK key, the native provider converts
     * it on every signature and verification, which costs more than the signature itself.
     */
    private static <K extends Key> K nativeKey(K key, Class<K> type) {
        Provider provider = CryptoProvider.nativeOrNull();
        if (provider == null) {
            return key;
        }
        try {
            Key translated = KeyFactory.getInstance("EC", provider).translateKey(key);
            return type.isInstance(translated) ? type.cast(translated) : key;
        } catch (GeneralSecurityException e) {
            return key;
        }
    }

    static String sign(ECDSASigner signer, String kid, JWTClaimsSet claims) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(kid)
                .type(JOSEObjectType.JWT)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("ES256 signing failed", e);
        }
        return jwt.serialize();
    }
}
