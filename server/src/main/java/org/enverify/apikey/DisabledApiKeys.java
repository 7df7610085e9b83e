package org.enverify.apikey;

import org.enverify.jobs.CleanupSettings;
import org.enverify.jobs.Retention;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** API keys disabled longer than the purge window: past the time an administrator might enable them again. */
@Component
class DisabledApiKeys extends Retention {

    DisabledApiKeys(JdbcClient jdbc, CleanupSettings settings) {
        super(jdbc, "disabled api keys", Row.timestamp("api_keys", "disabled_at", settings.apiKeyPurgeAfter()));
    }
}
