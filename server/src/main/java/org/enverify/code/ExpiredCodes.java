package org.enverify.code;

import java.sql.Timestamp;
import java.time.Instant;
import org.enverify.jobs.CleanupSettings;
import org.enverify.jobs.CleanupStep;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Expired codes: their HMACs are cleared after the recycle window, so the same digits can be drawn
 * again, and the rows (which still answer status checks) are deleted after the purge window.
 */
@Component
class ExpiredCodes implements CleanupStep {

    private final JdbcClient jdbc;
    private final CleanupSettings settings;

    ExpiredCodes(JdbcClient jdbc, CleanupSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "expired codes";
    }

    @Override
    @Transactional
    public long clean(Instant now) {
        Timestamp recycleBefore = Timestamp.from(now.minus(settings.codeRecycleAfter()));
        long recycled = jdbc.sql("""
                UPDATE verification_codes SET code_hmac = NULL, long_code_hmac = NULL
                WHERE (code_hmac IS NOT NULL OR long_code_hmac IS NOT NULL)
                  AND expires_at < ? AND long_expires_at < ?""").params(recycleBefore, recycleBefore).update();
        Timestamp purgeBefore = Timestamp.from(now.minus(settings.codePurgeAfter()));
        long purged = jdbc.sql("DELETE FROM verification_codes WHERE expires_at < ? AND long_expires_at < ?")
                .params(purgeBefore, purgeBefore)
                .update();
        return recycled + purged;
    }
}
