package org.enverify.events;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.enverify.jobs.JobQueue;
import org.enverify.jobs.PeriodicTask;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox relay of the worker: turns each new event into one delivery job per subscribed endpoint,
 * in the transaction that marks the event relayed. Events are taken with {@code SKIP LOCKED}, so
 * workers share the work.
 */
@Component
class EventRelay implements PeriodicTask {

    static final int BATCH = 500;

    private final EventRepository events;
    private final WebhookEndpointRepository endpoints;
    // the queue needs the scheduler, which needs every periodic task: so it is looked up when used
    private final ObjectProvider<JobQueue> jobs;
    private final WebhookDeliveryJob delivery;
    private final TransactionTemplate transactions;
    private final Clock clock;

    EventRelay(
            EventRepository events,
            WebhookEndpointRepository endpoints,
            ObjectProvider<JobQueue> jobs,
            WebhookDeliveryJob delivery,
            TransactionTemplate transactions,
            Clock clock) {
        this.events = events;
        this.endpoints = endpoints;
        this.jobs = jobs;
        this.delivery = delivery;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "events";
    }

    @Override
    public String defaultSchedule() {
        return "FIXED_DELAY|PT2S";
    }

    @Override
    public String run(Instant now) {
        int relayed = 0;
        int batch;
        do {
            batch = transactions.execute(status -> relayBatch());
            relayed += batch;
        } while (batch == BATCH);
        return relayed + " events relayed to webhooks";
    }

    private int relayBatch() {
        List<EventRepository.StoredEvent> batch = events.lockUnrelayed(BATCH);
        if (batch.isEmpty()) {
            return 0;
        }
        WebhookEndpointRepository.Subscriptions subscriptions = endpoints.subscriptions(
                batch.stream().map(EventRepository.StoredEvent::realm).collect(Collectors.toSet()));
        for (EventRepository.StoredEvent event : batch) {
            for (long endpoint : subscriptions.subscribers(event.realm(), event.type())) {
                jobs.getObject()
                        .enqueue(
                                delivery,
                                endpoint + ":" + event.id(),
                                new WebhookDeliveryJob.Delivery(event.realm(), endpoint, event.id()));
            }
        }
        events.markRelayed(batch, clock.instant());
        return batch.size();
    }
}
