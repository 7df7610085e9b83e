package org.enverify.emailer;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.enverify.jobs.CleanupSettings;
import org.enverify.jobs.CleanupStep;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Forgets which daily mails went out once the day is as old as the statistics kept. */
@Component
class OldRealmNotices implements CleanupStep {

    private final JdbcClient jdbc;
    private final CleanupSettings settings;

    OldRealmNotices(JdbcClient jdbc, CleanupSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "old realm notices";
    }

    @Override
    public long clean(Instant now) {
        LocalDate oldest = LocalDate.ofInstant(now.minus(settings.statisticsMaxAge()), ZoneOffset.UTC);
        return jdbc.sql("DELETE FROM realm_notices WHERE day < ?").param(oldest).update();
    }
}
