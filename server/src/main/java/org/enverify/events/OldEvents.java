package org.enverify.events;

import java.time.Duration;
import org.enverify.jobs.Retention;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Relayed events and delivery logs are kept for a month, long enough to redeliver an event after
 * a receiver's outage; events never relayed stay until the relay has taken them.
 */
@Component
class OldEvents extends Retention {

    static final Duration KEEP = Duration.ofDays(30);

    OldEvents(JdbcClient jdbc) {
        super(
                jdbc,
                "old events and webhook deliveries",
                Row.timestamp("events", "occurred_at", KEEP).where("relayed_at IS NOT NULL"),
                Row.timestamp("webhook_deliveries", "attempted_at", KEEP));
    }
}
