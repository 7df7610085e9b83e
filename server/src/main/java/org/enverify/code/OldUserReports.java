package org.enverify.code;

import java.time.Instant;
import org.enverify.jobs.CleanupStep;
import org.springframework.stereotype.Component;

/**
 * Forgets user reports after {@code ENVERIFY_CODES_USER_REPORT_MAX_AGE}, claimed or not: upstream keeps
 * unclaimed ones for the longer of that age and the realm's code lifetime, which is always that age.
 */
@Component
class OldUserReports implements CleanupStep {

    private final UserReportRepository reports;
    private final CodeSettings settings;

    OldUserReports(UserReportRepository reports, CodeSettings settings) {
        this.reports = reports;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "old user reports";
    }

    @Override
    public long clean(Instant now) {
        return reports.deleteCreatedBefore(now.minus(settings.userReportMaxAge()));
    }
}
