package org.enverify.events;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.enverify.jobs.PeriodicTask;
import org.enverify.platform.ConditionalOnSettings;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox relay to RabbitMQ ({@code ENVERIFY_RABBITMQ_URL}): publishes new events, waits for the
 * broker's confirms, then marks them published. A crash between the two publishes them again, which
 * consumers drop by message id: delivery is at least once.
 */
@Component
@ConditionalOnSettings("enverify.rabbitmq.url")
class EventPublisher implements PeriodicTask {

    private final EventRepository events;
    private final EventStream stream;
    private final TransactionTemplate transactions;
    private final Clock clock;

    EventPublisher(EventRepository events, EventStream stream, TransactionTemplate transactions, Clock clock) {
        this.events = events;
        this.stream = stream;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "event-stream";
    }

    @Override
    public String defaultSchedule() {
        return "FIXED_DELAY|PT2S";
    }

    @Override
    public String run(Instant now) {
        int published = 0;
        int batch;
        do {
            batch = transactions.execute(status -> publishBatch());
            published += batch;
        } while (batch == EventRelay.BATCH);
        return published + " events published";
    }

    private int publishBatch() {
        List<EventRepository.StoredEvent> batch = events.lockUnpublished(EventRelay.BATCH);
        stream.publish(batch);
        if (!batch.isEmpty()) {
            events.markPublished(batch, clock.instant());
        }
        return batch.size();
    }
}
