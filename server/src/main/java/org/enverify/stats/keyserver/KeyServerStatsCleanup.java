package org.enverify.stats.keyserver;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.enverify.jobs.CleanupStep;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Deletes pulled key server days older than {@code ENVERIFY_KEY_SERVER_STATS_MAX_AGE}. */
@Component
class KeyServerStatsCleanup implements CleanupStep {

    private final JdbcClient jdbc;
    private final KeyServerSettings settings;

    KeyServerStatsCleanup(JdbcClient jdbc, KeyServerSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "old key server statistics days";
    }

    @Override
    public long clean(Instant now) {
        LocalDate oldest = LocalDate.ofInstant(now.minus(settings.statsMaxAge()), ZoneOffset.UTC);
        return jdbc.sql("DELETE FROM key_server_stats_days WHERE day < ?")
                .param(oldest)
                .update();
    }
}
