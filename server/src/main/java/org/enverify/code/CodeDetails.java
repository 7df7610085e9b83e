package org.enverify.code;

import java.time.Instant;
import java.util.UUID;
import org.enverify.realm.TestType;

/**
 * A code as its status page shows it: its test type, who issued it (a web UI user, an API key or a management API
 * caller, and the external issuer the caller named) and its timeline. Never the code itself, which is stored only as an HMAC.
 */
public record CodeDetails(
        UUID uuid,
        TestType testType,
        Long issuingUserId,
        Long issuingApiKeyId,
        String issuingOauthSubject,
        String issuingExternalId,
        Instant createdAt,
        Instant claimedAt,
        Instant expiresAt,
        Instant longExpiresAt) {

    public boolean claimed() {
        return claimedAt != null;
    }

    /** Neither the short nor the long code can be used any more: both expiries lie at or before {@code now}. */
    public boolean expired(Instant now) {
        return !expiresAt.isAfter(now) && !longExpiresAt.isAfter(now);
    }
}
