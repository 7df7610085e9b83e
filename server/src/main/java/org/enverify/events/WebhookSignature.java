package org.enverify.events;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.enverify.platform.crypto.CryptoProvider;

/**
 * Standard Webhooks signing: secrets are {@code whsec_} and base64 of random bytes; a signature is
 * {@code v1,} and base64 of the HMAC-SHA256, under the decoded secret, of {@code id.timestamp.body}.
 */
final class WebhookSignature {

    static final String PREFIX = "whsec_";
    static final int SECRET_BYTES = 32;

    private WebhookSignature() {}

    static String newSecret() {
        return PREFIX + Base64.getEncoder().encodeToString(CryptoProvider.randomBytes(SECRET_BYTES));
    }

    static String sign(String secret, String id, long timestamp, byte[] body) {
        byte[] key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, content, 0, prefix.length);
        System.arraycopy(body, 0, content, prefix.length, body.length);
        return "v1," + Base64.getEncoder().encodeToString(CryptoProvider.hmacSha256(key, content));
    }
}
