package org.enverify.account;

import java.time.Instant;

/**
 * An account of the web UI. The password hash never leaves {@link UserRepository}.
 *
 * @param language the language tag the person chose with the language picker, or {@code null}
 */
public record User(
        long id,
        String email,
        String name,
        boolean systemAdmin,
        boolean hasPassword,
        boolean mustChangePassword,
        Instant passwordChangedAt,
        Instant emailVerifiedAt,
        Instant sessionsRevokedAt,
        Instant createdAt,
        String language) {

    public boolean emailVerified() {
        return emailVerifiedAt != null;
    }
}
