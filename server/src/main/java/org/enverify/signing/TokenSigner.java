package org.enverify.signing;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Duration;
import java.util.Optional;
import org.enverify.platform.EnverifySettings;
import org.springframework.stereotype.Component;

/**
 * Signs verification tokens with the active token key and checks them against any token key that
 * still exists, so tokens signed before a rotation stay valid until they expire.
 */
@Component
public class TokenSigner {

    private static final Duration KEY_LIFETIME_IN_MEMORY = Duration.ofHours(1);

    private final LoadingCache<Boolean, TokenSigningKeyStore.ActiveSigner> active;
    private final LoadingCache<String, Optional<ECDSAVerifier>> verifiers;

    TokenSigner(TokenSigningKeyStore store, EnverifySettings settings) {
        this.active =
                Caffeine.newBuilder().refreshAfterWrite(settings.cacheTtl()).build(ignored -> store.activeSigner());
        this.verifiers = Caffeine.newBuilder()
                .maximumSize(1_000)
                .expireAfterWrite(KEY_LIFETIME_IN_MEMORY)
                .build(kid -> store.publicKey(kid).map(key -> Es256.verifier(key.publicKey())));
    }

    /** Signs tokens with the key that was active when it was taken. */
    @FunctionalInterface
    public interface ActiveKey {
        String sign(JWTClaimsSet claims);
    }

    /**
     * The active token key, loaded if it is not yet: a caller takes it before committing the change a token
     * stands for, so a key that cannot be loaded refuses the request instead of leaving a change without a token.
     */
    public ActiveKey activeKey() {
        TokenSigningKeyStore.ActiveSigner signer = active.get(Boolean.TRUE);
        return claims -> Es256.sign(signer.signer(), signer.kid(), claims);
    }

    /**
     * The claims of a token this server signed, if its signature checks out; the caller judges the claims.
     */
    public Optional<JWTClaimsSet> verifiedClaims(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())
                    || jwt.getHeader().getKeyID() == null) {
                return Optional.empty();
            }
            String kid = jwt.getHeader().getKeyID();
            Optional<ECDSAVerifier> verifier = verifiers.get(kid);
            if (verifier.isEmpty()) {
                verifiers.invalidate(kid); // a key made a moment ago by another process must be found next time
                return Optional.empty();
            }
            if (!jwt.verify(verifier.get())) {
                return Optional.empty();
            }
            return Optional.of(jwt.getJWTClaimsSet());
        } catch (ParseException | JOSEException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    /** Forgets the active key, so a rotation made in this process signs with the new key at once. */
    void reload() {
        active.invalidateAll();
    }
}
