package org.enverify.verify;

import java.sql.Timestamp;
import java.time.Instant;
import org.enverify.jobs.CleanupSettings;
import org.enverify.jobs.CleanupStep;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Tokens past their expiry by the purge window: they can buy no certificate. */
@Component
class ExpiredTokens implements CleanupStep {

    private final JdbcClient jdbc;
    private final CleanupSettings settings;

    ExpiredTokens(JdbcClient jdbc, CleanupSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "expired tokens";
    }

    @Override
    public long clean(Instant now) {
        return jdbc.sql("DELETE FROM tokens WHERE expires_at < ?")
                .param(Timestamp.from(now.minus(settings.tokenPurgeAfter())))
                .update();
    }
}
