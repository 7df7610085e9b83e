package org.enverify.events;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.enverify.jobs.CleanupStep;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Relayed events and delivery logs are kept for a month, long enough to redeliver an event after
 * a receiver's outage; events never relayed stay until the relay has taken them.
 */
@Component
class OldEvents implements CleanupStep {

    static final Duration KEEP = Duration.ofDays(30);

    private final JdbcClient jdbc;

    OldEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "old events and webhook deliveries";
    }

    @Override
    @Transactional
    public long clean(Instant now) {
        Timestamp before = Timestamp.from(now.minus(KEEP));
        return jdbc.sql("DELETE FROM events WHERE occurred_at < ? AND relayed_at IS NOT NULL")
                        .param(before)
                        .update()
                + jdbc.sql("DELETE FROM webhook_deliveries WHERE attempted_at < ?")
                        .param(before)
                        .update();
    }
}
