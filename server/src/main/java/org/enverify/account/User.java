package org.enverify.account;

import java.time.Instant;

/** An account of the web UI. The password hash never leaves {@link UserRepository}. */
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
        Instant createdAt) {

    public boolean emailVerified() {
        return emailVerifiedAt != null;
    }
}
