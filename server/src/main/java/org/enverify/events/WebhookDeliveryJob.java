package org.enverify.events;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.enverify.jobs.OneTimeJob;
import org.enverify.platform.net.OutboundHttp;
import org.enverify.platform.net.OutboundHttpException;
import org.enverify.platform.net.OutboundUrls;
import org.enverify.platform.net.WebhookSettings;
import org.enverify.realm.RealmId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Delivers one event to one endpoint: a signed POST, logged, retried with doubling waits for about a
 * day while it fails. An endpoint that has failed for longer than {@code ENVERIFY_WEBHOOKS_DISABLE_AFTER}
 * without one success is disabled, and the reason is kept for the realm's administrators.
 */
@Component
class WebhookDeliveryJob implements OneTimeJob<WebhookDeliveryJob.Delivery> {

    private static final Logger log = LoggerFactory.getLogger(WebhookDeliveryJob.class);
    static final int MAX_ANSWER_BYTES = 64 * 1024;

    /** @param realm the realm first, as every job payload */
    record Delivery(RealmId realm, long endpoint, UUID event) {}

    private final WebhookEndpointRepository endpoints;
    private final EventRepository events;
    private final WebhookSecrets secrets;
    private final OutboundUrls urls;
    private final WebhookSettings settings;
    private final OutboundHttp http;
    private final ApplicationEventPublisher published;
    private final Clock clock;

    WebhookDeliveryJob(
            WebhookEndpointRepository endpoints,
            EventRepository events,
            WebhookSecrets secrets,
            OutboundUrls urls,
            WebhookSettings settings,
            ApplicationEventPublisher published,
            Clock clock) {
        this.endpoints = endpoints;
        this.events = events;
        this.secrets = secrets;
        this.urls = urls;
        this.settings = settings;
        this.published = published;
        this.clock = clock;
        this.http = new OutboundHttp(settings.timeout(), MAX_ANSWER_BYTES, false);
    }

    @Override
    public String name() {
        return "webhook-delivery";
    }

    @Override
    public Class<Delivery> dataType() {
        return Delivery.class;
    }

    @Override
    public int maxAttempts() {
        return settings.attempts();
    }

    @Override
    public Duration firstRetryDelay() {
        return settings.firstRetryDelay();
    }

    @Override
    public void execute(Delivery delivery) {
        RealmId realm = delivery.realm();
        Optional<WebhookEndpointRepository.Row> endpoint = endpoints.find(realm, delivery.endpoint());
        Optional<EventRepository.StoredEvent> event = events.find(realm, delivery.event());
        if (endpoint.isEmpty() || endpoint.get().disabledAt() != null || event.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        byte[] body = body(event.get());
        String id = event.get().id().toString();
        long timestamp = now.getEpochSecond();
        String signatures = String.join(
                " ",
                secrets.signingSecrets(endpoint.get(), now).stream()
                        .map(secret -> WebhookSignature.sign(secret, id, timestamp, body))
                        .toList());
        Integer status = null;
        String error;
        try {
            OutboundHttp.Response response = http.post(
                    urls.check(endpoint.get().url()),
                    Map.of(
                            "Content-Type",
                            "application/json",
                            "webhook-id",
                            id,
                            "webhook-timestamp",
                            Long.toString(timestamp),
                            "webhook-signature",
                            signatures),
                    body);
            status = response.status();
            if (response.ok()) {
                endpoints.logAttempt(realm, delivery.endpoint(), delivery.event(), true, status, null, now);
                endpoints.succeeded(realm, delivery.endpoint());
                return;
            }
            error = "the endpoint answered " + status;
        } catch (OutboundHttpException e) {
            error = e.getMessage();
        } catch (IllegalArgumentException e) {
            error = "the URL " + e.getMessage();
        }
        endpoints.logAttempt(realm, delivery.endpoint(), delivery.event(), false, status, error, now);
        Instant failingSince = endpoints.failed(realm, delivery.endpoint(), now);
        if (!failingSince.plus(settings.disableAfter()).isAfter(now)) {
            String reason = "failed every delivery since " + failingSince + "; last: " + error;
            if (endpoints.disable(realm, delivery.endpoint(), reason, now)) {
                log.warn("Disabled webhook endpoint {} of realm {}: {}", delivery.endpoint(), realm, reason);
                published.publishEvent(new WebhookEndpointDisabled(realm, delivery.endpoint(), reason));
            }
            return;
        }
        throw new WebhookFailedException(
                "Webhook endpoint " + delivery.endpoint() + " of realm " + realm + ": " + error);
    }

    /** The Standard Webhooks payload: type, timestamp and data, with the event's id and realm. */
    static byte[] body(EventRepository.StoredEvent event) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", event.id().toString());
        payload.put("type", event.type());
        payload.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(event.occurredAt()));
        payload.put("realmId", event.realm().value());
        String json = EventJson.write(payload);
        // data is stored JSON already; splice it in rather than parse and write it again
        return (json.substring(0, json.length() - 1) + ",\"data\":" + event.data() + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static final class WebhookFailedException extends RuntimeException {

        WebhookFailedException(String message) {
            super(message);
        }
    }
}
