package org.enverify.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.enverify.jobs.JobQueue;
import org.enverify.platform.net.WebhookUrls;
import org.enverify.realm.RealmId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A realm's webhook endpoints: what the CLI and the web UI manage. */
@Service
public class WebhookEndpoints {

    static final int MAX_ENDPOINTS = 20;

    /** A new endpoint and its secret, shown this once. */
    public record Created(long id, String secret) {}

    private final WebhookEndpointRepository repository;
    private final WebhookSecrets secrets;
    private final WebhookUrls urls;
    private final JobQueue jobs;
    private final WebhookDeliveryJob delivery;
    private final Clock clock;

    WebhookEndpoints(
            WebhookEndpointRepository repository,
            WebhookSecrets secrets,
            WebhookUrls urls,
            JobQueue jobs,
            WebhookDeliveryJob delivery,
            Clock clock) {
        this.repository = repository;
        this.secrets = secrets;
        this.urls = urls;
        this.jobs = jobs;
        this.delivery = delivery;
        this.clock = clock;
    }

    /**
     * @param url an HTTPS URL that resolves to public addresses only
     * @param types event type names ({@link EventType#wireName()}); empty subscribes to every type
     * @throws IllegalArgumentException saying what is refused
     */
    @Transactional
    public Created create(RealmId realm, String url, List<String> types) {
        String checked;
        try {
            checked = urls.check(url).toString();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The URL " + e.getMessage());
        }
        if (repository.list(realm).size() >= MAX_ENDPOINTS) {
            throw new IllegalArgumentException("A realm has at most " + MAX_ENDPOINTS + " webhook endpoints");
        }
        List<String> subscribed = eventTypes(types);
        long id = repository.insert(realm, checked, subscribed, clock.instant());
        String secret = WebhookSignature.newSecret();
        repository.setSecret(realm, id, secrets.encrypt(realm, id, secret, false), null, null);
        return new Created(id, secret);
    }

    public List<WebhookEndpoint> list(RealmId realm) {
        Instant now = clock.instant();
        return repository.list(realm).stream()
                .map(row -> new WebhookEndpoint(
                        row.id(),
                        row.url(),
                        row.eventTypes(),
                        row.previousSecretUntil() != null
                                && row.previousSecretUntil().isAfter(now),
                        row.failingSince(),
                        row.disabledAt(),
                        row.disabledReason(),
                        row.createdAt()))
                .toList();
    }

    @Transactional
    public void disable(RealmId realm, long id) {
        if (!repository.disable(realm, id, "disabled by an administrator", clock.instant())) {
            throw new IllegalArgumentException("The realm has no enabled webhook endpoint " + id);
        }
    }

    @Transactional
    public void enable(RealmId realm, long id) {
        if (!repository.enable(realm, id)) {
            throw new IllegalArgumentException("The realm has no webhook endpoint " + id);
        }
    }

    /**
     * A new secret signs from now on; the old one signs beside it for {@code overlap}, so receivers can
     * switch without losing a delivery.
     *
     * @return the new secret, shown this once
     */
    @Transactional
    public String rotateSecret(RealmId realm, long id, Duration overlap) {
        WebhookEndpointRepository.Row row = repository
                .find(realm, id)
                .orElseThrow(() -> new IllegalArgumentException("The realm has no webhook endpoint " + id));
        if (overlap.isNegative() || overlap.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("The overlap must be from 0 to 7 days");
        }
        String secret = WebhookSignature.newSecret();
        repository.setSecret(
                realm,
                id,
                secrets.encrypt(realm, id, secret, false),
                secrets.encrypt(realm, id, secrets.current(row), true),
                clock.instant().plus(overlap));
        return secret;
    }

    /** The newest delivery attempts, newest first. */
    public List<WebhookDelivery> deliveries(RealmId realm, long id, int limit) {
        return repository.deliveries(realm, id, Math.max(1, Math.min(limit, 1000)));
    }

    /** Delivers an event to the endpoint again, as a new job with its own retries. */
    @Transactional
    public void redeliver(RealmId realm, long id, UUID event) {
        repository
                .find(realm, id)
                .orElseThrow(() -> new IllegalArgumentException("The realm has no webhook endpoint " + id));
        jobs.enqueue(
                delivery,
                id + ":" + event + ":" + clock.instant().toEpochMilli(),
                new WebhookDeliveryJob.Delivery(realm.value(), id, event));
    }

    private static List<String> eventTypes(List<String> names) {
        if (names.isEmpty()) {
            return Arrays.stream(EventType.values()).map(EventType::wireName).toList();
        }
        Set<String> types = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String name : names) {
            EventType.fromWireName(name).ifPresentOrElse(type -> types.add(type.wireName()), () -> unknown.add(name));
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown event types: " + String.join(", ", unknown));
        }
        return List.copyOf(types);
    }
}
