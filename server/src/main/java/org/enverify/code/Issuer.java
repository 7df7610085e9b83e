package org.enverify.code;

/** Who issued a code: an API key, or a signed-in user of the web UI. */
public record Issuer(Long apiKeyId, Long userId) {

    public static Issuer apiKey(long id) {
        return new Issuer(id, null);
    }

    public static Issuer user(long id) {
        return new Issuer(null, id);
    }
}
