package org.enverify.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Instant;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a certificate the way the key server does, written from its contract rather than with our
 * own JWT library: strict unpadded base64url segments, ES256 with a 64-byte R‖S signature over
 * the first two segments, the kid among the published keys, integer times with no leeway.
 */
final class KeyServerCheck {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private KeyServerCheck() {}

    record Verified(JsonNode header, JsonNode claims) {}

    static Verified verify(String certificate, JsonNode publishedKeys, Instant now) {
        String[] segments = certificate.split("\\.", -1);
        assertThat(segments).as("segments").hasSize(3);
        for (String segment : segments) {
            assertThat(segment).as("unpadded base64url").doesNotContain("=").matches("[A-Za-z0-9_-]+");
        }
        Base64.Decoder decoder = Base64.getUrlDecoder();
        JsonNode header = JSON.readTree(decoder.decode(segments[0]));
        JsonNode claims = JSON.readTree(decoder.decode(segments[1]));
        byte[] signature = decoder.decode(segments[2]);

        assertThat(header.path("alg").asString()).isEqualTo("ES256");
        assertThat(header.path("typ").asString()).isEqualTo("JWT");
        assertThat(header.path("kid").isString()).as("kid is a string").isTrue();
        assertThat(signature).as("R||S signature").hasSize(64);

        JsonNode jwk = null;
        for (JsonNode key : publishedKeys) {
            if (key.path("kid").asString().equals(header.path("kid").asString())) {
                jwk = key;
            }
        }
        assertThat(jwk).as("published key for kid " + header.path("kid")).isNotNull();
        assertThat(verifyEs256(
                        publicKey(jwk),
                        (segments[0] + "." + segments[1]).getBytes(StandardCharsets.US_ASCII),
                        signature))
                .as("ES256 signature")
                .isTrue();

        assertThat(claims.path("aud").isString()).as("aud is a single string").isTrue();
        assertThat(claims.path("iss").isString()).isTrue();
        for (String time : new String[] {"iat", "nbf", "exp"}) {
            assertThat(claims.path(time).isIntegralNumber())
                    .as(time + " is an integer")
                    .isTrue();
        }
        assertThat(claims.path("iat").asLong()).isEqualTo(claims.path("nbf").asLong());
        assertThat(claims.path("iat").asLong()).isLessThanOrEqualTo(now.getEpochSecond());
        assertThat(claims.path("exp").asLong()).isGreaterThan(now.getEpochSecond());
        assertThat(claims.path("reportType").asString()).isIn("confirmed", "likely", "negative", "user-report");
        assertThat(claims.has("sub")).isFalse();
        assertThat(claims.has("jti")).isFalse();
        assertThat(claims.has("trisk")).isFalse();
        if (claims.has("symptomOnsetInterval")) {
            assertThat(claims.path("symptomOnsetInterval").isIntegralNumber()).isTrue();
            assertThat(claims.path("symptomOnsetInterval").asLong()).isBetween(0L, 0xFFFF_FFFFL);
        }
        return new Verified(header, claims);
    }

    private static ECPublicKey publicKey(JsonNode jwk) {
        assertThat(jwk.path("kty").asString()).isEqualTo("EC");
        assertThat(jwk.path("crv").asString()).isEqualTo("P-256");
        try {
            byte[] x = Base64.getUrlDecoder().decode(jwk.path("x").asString());
            byte[] y = Base64.getUrlDecoder().decode(jwk.path("y").asString());
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
            ECPoint point = new ECPoint(new BigInteger(1, x), new BigInteger(1, y));
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, spec));
        } catch (Exception e) {
            throw new AssertionError("not a P-256 JWK: " + jwk, e);
        }
    }

    private static boolean verifyEs256(ECPublicKey key, byte[] signed, byte[] rs) {
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
            verifier.initVerify(key);
            verifier.update(signed);
            return verifier.verify(rs);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
