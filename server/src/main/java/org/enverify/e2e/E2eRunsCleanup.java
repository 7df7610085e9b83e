package org.enverify.e2e;

import org.enverify.jobs.Retention;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Deletes self-test runs older than {@code ENVERIFY_E2E_RUNS_MAX_AGE}, also after the self-test was turned off. */
@Component
class E2eRunsCleanup extends Retention {

    E2eRunsCleanup(JdbcClient jdbc, E2eSettings settings) {
        super(jdbc, "old end-to-end runs", Row.timestamp("e2e_runs", "started_at", settings.runsMaxAge()));
    }
}
