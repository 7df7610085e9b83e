package org.enverify.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.enverify.audit.AuditLog;
import org.enverify.jobs.JobQueue;
import org.enverify.platform.Actor;
import org.enverify.platform.ListQuery;
import org.enverify.platform.Listing;
import org.enverify.platform.Refusal;
import org.enverify.platform.api.ErrorCode;
import org.enverify.platform.net.OutboundUrls;
import org.enverify.platform.net.RefusedUrl;
import org.enverify.realm.RealmId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A realm's webhook endpoints: what the CLI and the web UI manage. */
@Service
public class WebhookEndpoints {

    static final int MAX_ENDPOINTS = 20;

    /** How long the old secret signs beside a new one after a rotation, unless the CLI is told otherwise. */
    public static final Duration ROTATION_OVERLAP = Duration.ofHours(24);

    /** A new endpoint and its secret, shown this once. */
    public record Created(long id, String secret) {}

    private final WebhookEndpointRepository repository;
    private final WebhookSecrets secrets;
    private final OutboundUrls urls;
    private final JobQueue jobs;
    private final WebhookDeliveryJob delivery;
    private final Clock clock;
    private final AuditLog audit;

    WebhookEndpoints(
            WebhookEndpointRepository repository,
            WebhookSecrets secrets,
            OutboundUrls urls,
            JobQueue jobs,
            WebhookDeliveryJob delivery,
            Clock clock,
            AuditLog audit) {
        this.repository = repository;
        this.audit = audit;
        this.secrets = secrets;
        this.urls = urls;
        this.jobs = jobs;
        this.delivery = delivery;
        this.clock = clock;
    }

    /**
     * @param url an HTTPS URL that resolves to public addresses only
     * @param types event type names ({@link EventType#wireName()}); empty subscribes to every type
     * @throws Refusal about the {@code url} or the {@code events}, saying what is refused
     */
    @Transactional
    public Created create(RealmId realm, String url, List<String> types, Actor actor) {
        String checked;
        try {
            checked = urls.check(url).toString();
        } catch (RefusedUrl e) {
            throw Refusal.of(ErrorCode.UNPARSABLE_REQUEST, "The URL " + e.getMessage())
                    .about("url")
                    .shown(e.reason().messageKey());
        }
        if (repository.list(realm).size() >= MAX_ENDPOINTS) {
            throw Refusal.of(
                            ErrorCode.UNPARSABLE_REQUEST, "A realm has at most " + MAX_ENDPOINTS + " webhook endpoints")
                    .about("url")
                    .shown("webhooks.tooMany");
        }
        List<String> subscribed = eventTypes(types);
        long id = repository.insert(realm, checked, subscribed, clock.instant());
        String secret = WebhookSignature.newSecret();
        repository.setSecret(realm, id, secrets.encrypt(realm, id, secret, false), null, null);
        audit.record(
                realm,
                actor,
                "webhook.create",
                target(realm, id),
                Map.of(),
                Map.of("url", checked, "event_types", subscribed, "secret", "set"));
        return new Created(id, secret);
    }

    public List<WebhookEndpoint> list(RealmId realm) {
        Instant now = clock.instant();
        return repository.list(realm).stream().map(row -> endpoint(row, now)).toList();
    }

    /** One page of the realm's endpoints, sorted by {@code created_at} or {@code url}. */
    public Listing<WebhookEndpoint> list(RealmId realm, ListQuery query) {
        Instant now = clock.instant();
        Listing<WebhookEndpointRepository.Row> page = repository.list(realm, query);
        return new Listing<>(
                page.items().stream().map(row -> endpoint(row, now)).toList(), page.total());
    }

    public Optional<WebhookEndpoint> find(RealmId realm, long id) {
        return repository.find(realm, id).map(row -> endpoint(row, clock.instant()));
    }

    private static WebhookEndpoint endpoint(WebhookEndpointRepository.Row row, Instant now) {
        return new WebhookEndpoint(
                row.id(),
                row.url(),
                row.eventTypes(),
                row.previousSecretUntil() != null && row.previousSecretUntil().isAfter(now),
                row.failingSince(),
                row.disabledAt(),
                row.disabledReason(),
                row.createdAt());
    }

    @Transactional
    public void disable(RealmId realm, long id, Actor actor) {
        if (!repository.disable(realm, id, "disabled by an administrator", clock.instant())) {
            throw new IllegalArgumentException("The realm has no enabled webhook endpoint " + id);
        }
        audit.record(
                realm, actor, "webhook.disable", target(realm, id), Map.of("enabled", true), Map.of("enabled", false));
    }

    @Transactional
    public void enable(RealmId realm, long id, Actor actor) {
        WebhookEndpointRepository.Row row = require(realm, id);
        if (!repository.enable(realm, id)) {
            throw new IllegalArgumentException("The realm has no webhook endpoint " + id);
        }
        audit.record(
                realm,
                actor,
                "webhook.enable",
                target(realm, id),
                Map.of("enabled", row.disabledAt() == null),
                Map.of("enabled", true));
    }

    /** Removes the endpoint and its delivery log; what is still queued for it is dropped. */
    @Transactional
    public void delete(RealmId realm, long id, Actor actor) {
        WebhookEndpointRepository.Row row = require(realm, id);
        repository.delete(realm, id);
        audit.record(
                realm,
                actor,
                "webhook.delete",
                target(realm, id),
                Map.of("url", row.url(), "event_types", row.eventTypes()),
                Map.of());
    }

    /**
     * A new secret signs from now on; the old one signs beside it for {@code overlap}, so receivers can
     * switch without losing a delivery.
     *
     * @return the new secret, shown this once
     */
    @Transactional
    public String rotateSecret(RealmId realm, long id, Duration overlap, Actor actor) {
        WebhookEndpointRepository.Row row = require(realm, id);
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
        audit.record(
                realm,
                actor,
                "webhook.rotate_secret",
                target(realm, id),
                Map.of("secret", "previous"),
                Map.of("secret", "new", "overlap", overlap.toString()));
        return secret;
    }

    /** The newest delivery attempts, newest first. */
    public List<WebhookDelivery> deliveries(RealmId realm, long id, int limit) {
        return repository.deliveries(realm, id, Math.max(1, Math.min(limit, 1000)));
    }

    /** One page of the events the endpoint was sent, each with its attempts, sorted by {@code last_attempt_at}. */
    public Listing<WebhookEventDeliveries> eventDeliveries(RealmId realm, long id, ListQuery query) {
        return repository.eventDeliveries(realm, id, query);
    }

    /** The attempts to deliver one event to the endpoint; empty when it was never sent this event. */
    public Optional<WebhookEventDeliveries> eventDeliveries(RealmId realm, long id, UUID event) {
        return repository.eventDeliveries(realm, id, event);
    }

    /** Delivers an event to the endpoint again, as a new job with its own retries. */
    @Transactional
    public void redeliver(RealmId realm, long id, UUID event, Actor actor) {
        if (require(realm, id).disabledAt() != null) {
            throw Refusal.of(ErrorCode.UNPARSABLE_REQUEST, "the endpoint is disabled: enable it before a redelivery")
                    .shown("webhooks.redeliverDisabled");
        }
        audit.record(realm, actor, "webhook.redeliver", target(realm, id), Map.of(), Map.of("event", event.toString()));
        jobs.enqueue(
                delivery,
                id + ":" + event + ":" + clock.instant().toEpochMilli(),
                new WebhookDeliveryJob.Delivery(realm, id, event));
    }

    private WebhookEndpointRepository.Row require(RealmId realm, long id) {
        return repository
                .find(realm, id)
                .orElseThrow(() -> new IllegalArgumentException("The realm has no webhook endpoint " + id));
    }

    private static String target(RealmId realm, long id) {
        return "realms:" + realm + "/webhooks/" + id;
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
            throw Refusal.of(ErrorCode.UNPARSABLE_REQUEST, "Unknown event types: " + String.join(", ", unknown))
                    .about("events")
                    .shown("webhooks.eventsUnknown");
        }
        return List.copyOf(types);
    }
}
