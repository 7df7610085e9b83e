package org.enverify.jobs;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long cleanup keeps what it removes ({@code ENVERIFY_CLEANUP_<NAME>}), upstream's defaults.
 *
 * @param codeRecycleAfter after both expiries, a code's HMACs are cleared so its values can be drawn again
 * @param codePurgeAfter after both expiries, the code row (its status) is deleted
 * @param tokenPurgeAfter after its expiry, a token row is deleted
 * @param apiKeyPurgeAfter after it was disabled, an API key is deleted
 * @param statisticsMaxAge daily statistics older than this are deleted (30 to 180 days)
 * @param retiredKeyPurgeAfter after retirement or destruction, signing key material is deleted
 * @param chaffEventsMaxAge days of chaff activity kept
 * @param userPurgeAfter a web UI account that belongs to no realm and is no system administrator is
 *     deleted this long after its creation
 * @param mailOutboxMaxAge outbox mails (addresses, and the links of mails never sent) are deleted this long after
 *     they were written
 * @param bulkIssueMaxAge bulk issues and their rows are deleted this long after their upload
 */
@ConfigurationProperties("enverify.cleanup")
public record CleanupSettings(
        @DefaultValue("48h") Duration codeRecycleAfter,
        @DefaultValue("336h") Duration codePurgeAfter,
        @DefaultValue("24h") Duration tokenPurgeAfter,
        @DefaultValue("336h") Duration apiKeyPurgeAfter,
        @DefaultValue("91d") Duration statisticsMaxAge,
        @DefaultValue("36h") Duration retiredKeyPurgeAfter,
        @DefaultValue("7d") Duration chaffEventsMaxAge,
        @DefaultValue("720h") Duration userPurgeAfter,
        @DefaultValue("30d") Duration mailOutboxMaxAge,
        @DefaultValue("30d") Duration bulkIssueMaxAge) {

    public CleanupSettings {
        if (codePurgeAfter.compareTo(codeRecycleAfter) < 0) {
            throw new IllegalArgumentException(
                    "ENVERIFY_CLEANUP_CODE_PURGE_AFTER must be at least ENVERIFY_CLEANUP_CODE_RECYCLE_AFTER");
        }
        if (statisticsMaxAge.compareTo(Duration.ofDays(30)) < 0
                || statisticsMaxAge.compareTo(Duration.ofDays(180)) > 0) {
            throw new IllegalArgumentException("ENVERIFY_CLEANUP_STATISTICS_MAX_AGE must be from 30 to 180 days");
        }
    }
}
