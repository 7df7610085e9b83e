package org.enverify.chaff;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.enverify.jobs.CleanupSettings;
import org.enverify.jobs.CleanupStep;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Days of chaff activity older than the chaff history kept (a week by default). */
@Component
class OldChaffEvents implements CleanupStep {

    private final JdbcClient jdbc;
    private final CleanupSettings settings;

    OldChaffEvents(JdbcClient jdbc, CleanupSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "old chaff events";
    }

    @Override
    public long clean(Instant now) {
        LocalDate oldest = LocalDate.ofInstant(now.minus(settings.chaffEventsMaxAge()), ZoneOffset.UTC);
        return jdbc.sql("DELETE FROM realm_chaff_events WHERE day < ?")
                .param(oldest)
                .update();
    }
}
