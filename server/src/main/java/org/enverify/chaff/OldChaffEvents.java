package org.enverify.chaff;

import org.enverify.jobs.CleanupSettings;
import org.enverify.jobs.Retention;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Days of chaff activity older than the chaff history kept (a week by default). */
@Component
class OldChaffEvents extends Retention {

    OldChaffEvents(JdbcClient jdbc, CleanupSettings settings) {
        super(jdbc, "old chaff events", Row.day("realm_chaff_events", settings.chaffEventsMaxAge()));
    }
}
