package org.enverify.abuse;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.enverify.jobs.CleanupSettings;
import org.enverify.jobs.CleanupStep;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Quota days past the statistics age; only today's row ever limits anything. */
@Component
class OldQuotaDays implements CleanupStep {

    private final JdbcClient jdbc;
    private final CleanupSettings settings;

    OldQuotaDays(JdbcClient jdbc, CleanupSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "old quota days";
    }

    @Override
    public long clean(Instant now) {
        LocalDate oldest = LocalDate.ofInstant(now.minus(settings.statisticsMaxAge()), ZoneOffset.UTC);
        return jdbc.sql("DELETE FROM realm_quota_days WHERE day < ?")
                .param(oldest)
                .update();
    }
}
