package org.enverify.notices;

import org.enverify.jobs.CleanupSettings;
import org.enverify.jobs.Retention;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Forgets which daily mails went out once the day is as old as the statistics kept. */
@Component
class OldRealmNotices extends Retention {

    OldRealmNotices(JdbcClient jdbc, CleanupSettings settings) {
        super(jdbc, "old realm notices", Row.day("realm_notices", settings.statisticsMaxAge()));
    }
}
