package org.enverify.signing;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;

/** A P-256 public key in the JWK shape key servers import: kid, kty, crv, x, y (unpadded base64url). */
public record PublicJwk(String kid, String kty, String crv, String x, String y) {

    static PublicJwk of(StoredKey key) {
        ECKey jwk = new ECKey.Builder(Curve.P_256, key.publicKey()).build();
        return new PublicJwk(
                key.kid(), "EC", "P-256", jwk.getX().toString(), jwk.getY().toString());
    }
}
