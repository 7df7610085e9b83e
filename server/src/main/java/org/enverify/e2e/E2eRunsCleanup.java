package org.enverify.e2e;

import java.sql.Timestamp;
import java.time.Instant;
import org.enverify.jobs.CleanupStep;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Deletes self-test runs older than {@code ENVERIFY_E2E_RUNS_MAX_AGE}, also after the self-test was turned off. */
@Component
class E2eRunsCleanup implements CleanupStep {

    private final JdbcClient jdbc;
    private final E2eSettings settings;

    E2eRunsCleanup(JdbcClient jdbc, E2eSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "old end-to-end runs";
    }

    @Override
    public long clean(Instant now) {
        return jdbc.sql("DELETE FROM e2e_runs WHERE started_at < ?")
                .param(Timestamp.from(now.minus(settings.runsMaxAge())))
                .update();
    }
}
