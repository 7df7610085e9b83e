package org.enverify.code;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Issuing limits.
 *
 * @param batchMaxSize most codes in one {@code /api/batch-issue} call ({@code ENVERIFY_CODES_BATCH_MAX_SIZE})
 * @param collisionRetries how often a new code is drawn when it collides with a live one
 * @param userReportMaxAge how long a phone number that asked for a user report cannot ask again
 *     ({@code ENVERIFY_CODES_USER_REPORT_MAX_AGE}, upstream's {@code USER_REPORT_MAX_AGE}); cleanup then forgets it
 */
@ConfigurationProperties("enverify.codes")
public record CodeSettings(
        @DefaultValue("10") int batchMaxSize,
        @DefaultValue("6") int collisionRetries,
        @DefaultValue("720h") Duration userReportMaxAge) {}
