package org.enverify.code;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored code. The long code reaches the person only by SMS, so it is returned only inside
 * {@code generatedSms}.
 */
public record IssuedCode(
        UUID uuid, String code, Instant expiresAt, Instant longExpiresAt, String phone, String generatedSms) {}
