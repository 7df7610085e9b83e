package org.enverify.code;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Issuing limits.
 *
 * @param batchMaxSize most codes in one {@code /api/batch-issue} call ({@code ENVERIFY_CODES_BATCH_MAX_SIZE})
 * @param collisionRetries how often a new code is drawn when it collides with a live one
 */
@ConfigurationProperties("enverify.codes")
public record CodeSettings(
        @DefaultValue("10") int batchMaxSize,
        @DefaultValue("6") int collisionRetries) {}
