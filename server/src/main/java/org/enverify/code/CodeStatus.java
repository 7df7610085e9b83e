package org.enverify.code;

import java.time.Instant;
import java.util.UUID;

/** What a PHA may learn about a code it issued. */
public record CodeStatus(UUID uuid, boolean claimed, Instant expiresAt, Instant longExpiresAt) {}
