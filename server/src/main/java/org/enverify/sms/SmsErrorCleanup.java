package org.enverify.sms;

import org.enverify.jobs.CleanupSettings;
import org.enverify.jobs.Retention;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** SMS error counts are statistics: kept as long as the other daily statistics. */
@Component
class SmsErrorCleanup extends Retention {

    SmsErrorCleanup(JdbcClient jdbc, CleanupSettings settings) {
        super(jdbc, "old SMS error counts", Row.day("sms_error_days", settings.statisticsMaxAge()));
    }
}
