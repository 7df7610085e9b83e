package org.enverify.account;

import java.sql.Timestamp;
import java.time.Instant;
import org.enverify.jobs.CleanupSettings;
import org.enverify.jobs.CleanupStep;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Accounts nobody needs any more, as upstream purges them: no realm, not a system administrator, and
 * older than {@code ENVERIFY_CLEANUP_USER_PURGE_AFTER}. Their sessions, links and second factors go
 * with them.
 */
@Component
class StaleUsers implements CleanupStep {

    private final JdbcClient jdbc;
    private final SessionRevocation sessions;
    private final CleanupSettings settings;

    StaleUsers(JdbcClient jdbc, SessionRevocation sessions, CleanupSettings settings) {
        this.jdbc = jdbc;
        this.sessions = sessions;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "accounts without a realm";
    }

    @Override
    public long clean(Instant now) {
        var stale = jdbc.sql("""
                        DELETE FROM users u WHERE NOT u.system_admin AND u.created_at < ?
                          AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id)
                        RETURNING u.id""")
                .param(Timestamp.from(now.minus(settings.userPurgeAfter())))
                .query(Long.class)
                .list();
        stale.forEach(sessions::endAll);
        return stale.size();
    }
}
