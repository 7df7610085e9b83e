package org.enverify.code;

import org.enverify.platform.Actor;

/**
 * Who issued a code: an API key, a signed-in user of the web UI, or a management API caller by its bearer
 * token's subject.
 */
public record Issuer(Long apiKeyId, Long userId, String oauthSubject) {

    public static Issuer apiKey(long id) {
        return new Issuer(id, null, null);
    }

    public static Issuer user(long id) {
        return new Issuer(null, id, null);
    }

    /** @param caller an {@link Actor#oauth} actor, as the audit trail names the caller */
    public static Issuer oauth(Actor caller) {
        return new Issuer(
                null,
                null,
                caller.oauthSubject()
                        .orElseThrow(() -> new IllegalArgumentException("Not a management API caller: " + caller)));
    }
}
