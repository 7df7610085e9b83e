package org.enverify.userreport;

import org.enverify.code.CodeSettings;
import org.enverify.jobs.Retention;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Forgets user reports after {@code ENVERIFY_CODES_USER_REPORT_MAX_AGE}, claimed or not: upstream keeps
 * unclaimed ones for the longer of that age and the realm's code lifetime, which is always that age.
 */
@Component
class OldUserReports extends Retention {

    OldUserReports(JdbcClient jdbc, CodeSettings settings) {
        super(jdbc, "old user reports", Row.timestamp("user_reports", "created_at", settings.userReportMaxAge()));
    }
}
