package org.enverify.stats.keyserver;

import org.enverify.jobs.Retention;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Deletes pulled key server days older than {@code ENVERIFY_KEY_SERVER_STATS_MAX_AGE}. */
@Component
class KeyServerStatsCleanup extends Retention {

    KeyServerStatsCleanup(JdbcClient jdbc, KeyServerSettings settings) {
        super(jdbc, "old key server statistics days", Row.day("key_server_stats_days", settings.statsMaxAge()));
    }
}
