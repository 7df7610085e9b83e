package org.enverify.verify;

import org.enverify.jobs.CleanupSettings;
import org.enverify.jobs.Retention;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Tokens past their expiry by the purge window: they can buy no certificate. */
@Component
class ExpiredTokens extends Retention {

    ExpiredTokens(JdbcClient jdbc, CleanupSettings settings) {
        super(jdbc, "expired tokens", Row.timestamp("tokens", "expires_at", settings.tokenPurgeAfter()));
    }
}
