package org.enverify.code;

/** Who issued a code: an API key, or later a user of the web UI. */
public record Issuer(Long apiKeyId) {

    public static Issuer apiKey(long id) {
        return new Issuer(id);
    }
}
