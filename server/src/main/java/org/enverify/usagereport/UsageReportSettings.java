package org.enverify.usagereport;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the daily usage figures go.
 *
 * @param url the collector's address ({@code ENVERIFY_USAGE_REPORT_URL}); empty turns the report off
 * @param bearerToken sent as {@code Authorization: Bearer …} when not empty ({@code ENVERIFY_USAGE_REPORT_BEARER_TOKEN})
 * @param timeout longest wait for the collector's answer ({@code ENVERIFY_USAGE_REPORT_TIMEOUT})
 * @param catchUpDays how many past days a run sends at most, after an outage or on the first run
 *     ({@code ENVERIFY_USAGE_REPORT_CATCH_UP_DAYS})
 */
@ConfigurationProperties("enverify.usage-report")
public record UsageReportSettings(
        @DefaultValue("") String url,
        @DefaultValue("") String bearerToken,
        @DefaultValue("30s") Duration timeout,
        @DefaultValue("7") int catchUpDays) {

    public UsageReportSettings {
        if (catchUpDays < 1 || catchUpDays > 90) {
            throw new IllegalArgumentException(
                    "enverify.usage-report.catch-up-days must be between 1 and 90 (the statistics keep 90 days)");
        }
    }
}
