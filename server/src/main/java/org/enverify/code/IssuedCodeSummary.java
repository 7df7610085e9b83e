package org.enverify.code;

import java.time.Instant;
import java.util.UUID;

/** A code as its issuer's list shows it: never the code itself, which is stored only as an HMAC. */
public record IssuedCodeSummary(
        UUID uuid, String testType, Instant createdAt, Instant expiresAt, Instant longExpiresAt, boolean claimed) {}
