package org.enverify.stats;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The statistics of all realms together that system administrators see, with upstream's rules.
 *
 * @param minRealms a day's codes are shown only when at least this many realms had activity that
 *     day, so no realm's numbers can be read off the sum ({@code ENVERIFY_SYSTEM_STATS_MIN_REALMS}, at
 *     least 2)
 * @param excludeRealms realm ids left out, besides the end-to-end self-test's realm, which always is
 *     ({@code ENVERIFY_SYSTEM_STATS_EXCLUDE_REALMS}, comma-separated)
 */
@ConfigurationProperties("enverify.system-stats")
public record SystemStatsSettings(
        @DefaultValue("2") int minRealms, @DefaultValue List<Long> excludeRealms) {

    public SystemStatsSettings {
        if (minRealms < 2) {
            throw new IllegalArgumentException("ENVERIFY_SYSTEM_STATS_MIN_REALMS must be at least 2");
        }
        excludeRealms = List.copyOf(excludeRealms);
    }
}
