package org.enverify.events.api;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.enverify.events.WebhookEndpoint;
import org.enverify.events.WebhookEndpoints;
import org.enverify.events.WebhookEventDeliveries;
import org.enverify.management.api.Envelope;
import org.enverify.management.api.Idempotency;
import org.enverify.management.api.Paging;
import org.enverify.management.api.RealmCaller;
import org.enverify.management.api.RequireScope;
import org.enverify.platform.ListQuery;
import org.enverify.platform.api.ApiException;
import org.enverify.platform.api.ErrorCode;
import org.enverify.platform.api.JsonRequestReader;
import org.enverify.platform.api.ManagementApi;
import org.enverify.realm.Permission;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A realm's webhook endpoints through the same service as its webhook pages and the CLI, under the same
 * permissions as the pages ({@code SettingsRead} to read, {@code SettingsWrite} to change): the signing secret is
 * shown once, in the answer that made it (a creation or a rotation, and a replay of either under its
 * {@code Idempotency-Key}). An endpoint of another realm is not found.
 */
@RestController
@ManagementApi
class WebhooksApiController {

    private final WebhookEndpoints endpoints;
    private final JsonRequestReader reader;
    private final Idempotency idempotency;

    WebhooksApiController(WebhookEndpoints endpoints, JsonRequestReader reader, Idempotency idempotency) {
        this.endpoints = endpoints;
        this.reader = reader;
        this.idempotency = idempotency;
    }

    /**
     * An endpoint as the API shows it.
     *
     * @param rotating whether the previous secret still signs beside the current one after a rotation
     * @param failingSince since when every delivery failed; absent while the last one succeeded
     * @param secret the signing secret, only in the answer that made it
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record WebhookView(
            String id,
            String url,
            List<String> events,
            boolean enabled,
            boolean rotating,
            Instant failingSince,
            Instant disabledAt,
            String disabledReason,
            Instant createdAt,
            String secret) {

        /** @param secret the secret just made; null afterwards */
        static WebhookView of(WebhookEndpoint endpoint, String secret) {
            return new WebhookView(
                    Long.toString(endpoint.id()),
                    endpoint.url(),
                    endpoint.eventTypes(),
                    endpoint.disabledAt() == null,
                    endpoint.rotating(),
                    endpoint.failingSince(),
                    endpoint.disabledAt(),
                    endpoint.disabledReason(),
                    endpoint.createdAt(),
                    secret);
        }
    }

    /**
     * One event's deliveries to the endpoint; its id is the event's, which the receiver got as {@code webhook-id}.
     *
     * @param status {@code delivered} when the last attempt succeeded, else {@code failed}
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record DeliveryView(
            String eventId,
            String eventType,
            String status,
            int attempts,
            Integer lastResponseStatus,
            String lastError,
            Instant firstAttemptAt,
            Instant lastAttemptAt) {

        static DeliveryView of(WebhookEventDeliveries deliveries) {
            return new DeliveryView(
                    deliveries.eventId().toString(),
                    deliveries.eventType(),
                    deliveries.delivered() ? "delivered" : "failed",
                    deliveries.attempts(),
                    deliveries.lastResponseStatus(),
                    deliveries.lastError(),
                    deliveries.firstAttemptAt(),
                    deliveries.lastAttemptAt());
        }
    }

    /** A new endpoint: its HTTPS URL and the event types it receives (at least one). */
    record NewWebhook(String url, List<String> events) {}

    /** Whether the endpoint is to receive events. */
    record WebhookChange(Boolean enabled) {}

    @GetMapping("/api/v1/realms/{realmId}/webhooks")
    Envelope<List<WebhookView>> list(
            @RequireScope(Permission.SETTINGS_READ) RealmCaller caller,
            @Paging(sorts = {"created_at", "url"}) ListQuery query) {
        return Envelope.page(endpoints.list(caller.realm(), query), query, endpoint -> WebhookView.of(endpoint, null));
    }

    @GetMapping("/api/v1/realms/{realmId}/webhooks/{webhookId}")
    Envelope<WebhookView> show(
            @RequireScope(Permission.SETTINGS_READ) RealmCaller caller, @PathVariable long webhookId) {
        return Envelope.of(WebhookView.of(endpoint(caller, webhookId), null));
    }

    /** Subscribes the URL, as the webhook page does; 201 with the endpoint and, this once, its secret. */
    @PostMapping("/api/v1/realms/{realmId}/webhooks")
    ResponseEntity<?> create(@RequireScope(Permission.SETTINGS_WRITE) RealmCaller caller, HttpServletRequest request) {
        NewWebhook wanted = reader.read(request, NewWebhook.class, ErrorCode.UNPARSABLE_REQUEST);
        if (wanted.url() == null) {
            throw refused("url", "url is required");
        }
        if (wanted.events() == null
                || wanted.events().isEmpty()
                || wanted.events().contains(null)) {
            throw refused("events", "events must name at least one event type");
        }
        return idempotency.create(Optional.of(caller.realm()), caller.actor(), request, wanted, () -> {
            WebhookEndpoints.Created created =
                    endpoints.create(caller.realm(), wanted.url(), wanted.events(), caller.actor());
            return ResponseEntity.status(HttpStatus.CREATED)
                    .body(Envelope.of(WebhookView.of(endpoint(caller, created.id()), created.secret())));
        });
    }

    /** {@code {"enabled": false}} disables the endpoint, {@code true} enables it again (and clears its failures). */
    @PatchMapping("/api/v1/realms/{realmId}/webhooks/{webhookId}")
    Envelope<WebhookView> change(
            @RequireScope(Permission.SETTINGS_WRITE) RealmCaller caller,
            @PathVariable long webhookId,
            HttpServletRequest request) {
        WebhookChange change = reader.read(request, WebhookChange.class, ErrorCode.UNPARSABLE_REQUEST);
        if (change.enabled() == null) {
            throw refused("enabled", "enabled is required");
        }
        WebhookEndpoint endpoint = endpoint(caller, webhookId);
        boolean enabled = endpoint.disabledAt() == null;
        if (change.enabled() && !enabled) {
            endpoints.enable(caller.realm(), endpoint.id(), caller.actor());
        } else if (!change.enabled() && enabled) {
            endpoints.disable(caller.realm(), endpoint.id(), caller.actor());
        }
        return Envelope.of(WebhookView.of(endpoint(caller, webhookId), null));
    }

    /**
     * A new secret signs from now on; the old one signs beside it for a day, as after a rotation on the page. The
     * answer shows the new secret this once.
     */
    @PostMapping("/api/v1/realms/{realmId}/webhooks/{webhookId}/rotate-secret")
    ResponseEntity<?> rotateSecret(
            @RequireScope(Permission.SETTINGS_WRITE) RealmCaller caller,
            @PathVariable long webhookId,
            HttpServletRequest request) {
        long id = endpoint(caller, webhookId).id();
        return idempotency.create(Optional.of(caller.realm()), caller.actor(), request, id, () -> {
            String secret =
                    endpoints.rotateSecret(caller.realm(), id, WebhookEndpoints.ROTATION_OVERLAP, caller.actor());
            return ResponseEntity.ok(Envelope.of(WebhookView.of(endpoint(caller, id), secret)));
        });
    }

    /** Removes the endpoint and its delivery log; what is still queued for it is dropped. */
    @DeleteMapping("/api/v1/realms/{realmId}/webhooks/{webhookId}")
    ResponseEntity<Void> delete(
            @RequireScope(Permission.SETTINGS_WRITE) RealmCaller caller, @PathVariable long webhookId) {
        endpoints.delete(caller.realm(), endpoint(caller, webhookId).id(), caller.actor());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/realms/{realmId}/webhooks/{webhookId}/deliveries")
    Envelope<List<DeliveryView>> deliveries(
            @RequireScope(Permission.SETTINGS_READ) RealmCaller caller,
            @PathVariable long webhookId,
            @Paging(sorts = {"last_attempt_at"}) ListQuery query) {
        long id = endpoint(caller, webhookId).id();
        return Envelope.page(endpoints.eventDeliveries(caller.realm(), id, query), query, DeliveryView::of);
    }

    /**
     * Sends the event to the endpoint again, as a new delivery with its own retries (as the page's redeliver
     * button): 202, the attempt follows.
     */
    @PostMapping("/api/v1/realms/{realmId}/webhooks/{webhookId}/deliveries/{eventId}/redeliver")
    ResponseEntity<Envelope<DeliveryView>> redeliver(
            @RequireScope(Permission.SETTINGS_WRITE) RealmCaller caller,
            @PathVariable long webhookId,
            @PathVariable UUID eventId) {
        WebhookEndpoint endpoint = endpoint(caller, webhookId);
        WebhookEventDeliveries deliveries = endpoints
                .eventDeliveries(caller.realm(), endpoint.id(), eventId)
                .orElseThrow(WebhooksApiController::notFound);
        endpoints.redeliver(caller.realm(), endpoint.id(), eventId, caller.actor());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Envelope.of(DeliveryView.of(deliveries)));
    }

    private WebhookEndpoint endpoint(RealmCaller caller, long id) {
        return endpoints.find(caller.realm(), id).orElseThrow(WebhooksApiController::notFound);
    }

    private static ApiException notFound() {
        return new ApiException(HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND, "not found");
    }

    private static ApiException refused(String field, String message) {
        return ApiException.badRequest(ErrorCode.UNPARSABLE_REQUEST, message).about(field);
    }
}
