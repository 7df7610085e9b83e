package org.enverify.management;

import org.enverify.jobs.Retention;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Idempotency keys are kept for as long as the contract replays them, 24 hours. */
@Component
class OldIdempotencyKeys extends Retention {

    OldIdempotencyKeys(JdbcClient jdbc) {
        super(
                jdbc,
                "expired idempotency keys",
                Row.timestamp("idempotency_keys", "created_at", IdempotentReplies.LIFETIME));
    }
}
