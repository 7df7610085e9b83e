package org.enverify.stats;

import org.enverify.jobs.CleanupSettings;
import org.enverify.jobs.Retention;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Daily statistics older than the statistics age (91 days by default: the stats API shows today and the 90 days before). */
@Component
class OldStatistics extends Retention {

    OldStatistics(JdbcClient jdbc, CleanupSettings settings) {
        super(
                jdbc,
                "old statistics",
                Row.day("realm_daily_counters", settings.statisticsMaxAge()),
                Row.day("api_key_daily_counters", settings.statisticsMaxAge()),
                Row.day("external_issuer_daily_counters", settings.statisticsMaxAge()),
                Row.day("user_daily_counters", settings.statisticsMaxAge()));
    }
}
