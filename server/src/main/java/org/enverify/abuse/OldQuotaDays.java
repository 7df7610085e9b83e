package org.enverify.abuse;

import org.enverify.jobs.CleanupSettings;
import org.enverify.jobs.Retention;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Quota days past the statistics age; only today's row ever limits anything. */
@Component
class OldQuotaDays extends Retention {

    OldQuotaDays(JdbcClient jdbc, CleanupSettings settings) {
        super(jdbc, "old quota days", Row.day("realm_quota_days", settings.statisticsMaxAge()));
    }
}
