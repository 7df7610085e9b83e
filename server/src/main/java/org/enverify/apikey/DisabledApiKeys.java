package org.enverify.apikey;

import java.sql.Timestamp;
import java.time.Instant;
import org.enverify.jobs.CleanupSettings;
import org.enverify.jobs.CleanupStep;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** API keys disabled longer than the purge window: past the time an administrator might enable them again. */
@Component
class DisabledApiKeys implements CleanupStep {

    private final JdbcClient jdbc;
    private final CleanupSettings settings;

    DisabledApiKeys(JdbcClient jdbc, CleanupSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "disabled api keys";
    }

    @Override
    public long clean(Instant now) {
        return jdbc.sql("DELETE FROM api_keys WHERE disabled_at < ?")
                .param(Timestamp.from(now.minus(settings.apiKeyPurgeAfter())))
                .update();
    }
}
