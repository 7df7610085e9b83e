package org.enverify.sms;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.enverify.jobs.CleanupSettings;
import org.enverify.jobs.CleanupStep;
import org.springframework.stereotype.Component;

/** SMS error counts are statistics: kept as long as the other daily statistics. */
@Component
class SmsErrorCleanup implements CleanupStep {

    private final SmsErrorRepository errors;
    private final CleanupSettings settings;

    SmsErrorCleanup(SmsErrorRepository errors, CleanupSettings settings) {
        this.errors = errors;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "old SMS error counts";
    }

    @Override
    public long clean(Instant now) {
        return errors.deleteBefore(LocalDate.ofInstant(now.minus(settings.statisticsMaxAge()), ZoneOffset.UTC));
    }
}
