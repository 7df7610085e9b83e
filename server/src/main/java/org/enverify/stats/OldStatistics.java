package org.enverify.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.enverify.jobs.CleanupSettings;
import org.enverify.jobs.CleanupStep;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Daily statistics older than the statistics age (91 days by default: the stats API shows 90). */
@Component
class OldStatistics implements CleanupStep {

    private final JdbcClient jdbc;
    private final CleanupSettings settings;

    OldStatistics(JdbcClient jdbc, CleanupSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "old statistics";
    }

    @Override
    public long clean(Instant now) {
        LocalDate oldest = LocalDate.ofInstant(now.minus(settings.statisticsMaxAge()), ZoneOffset.UTC);
        long deleted = 0;
        for (String table : List.of(
                "realm_daily_counters",
                "api_key_daily_counters",
                "external_issuer_daily_counters",
                "user_daily_counters")) {
            deleted += jdbc.sql("DELETE FROM " + table + " WHERE day < ?")
                    .param(oldest)
                    .update();
        }
        return deleted;
    }
}
