package org.enverify.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The attempts to deliver one event to one endpoint, as the management API lists them: how many there were and how
 * the last one went. A redelivery adds attempts to the same event.
 *
 * @param delivered whether the last attempt succeeded
 * @param lastResponseStatus the endpoint's HTTP status at the last attempt; null when it gave none
 * @param lastError why the last attempt failed; null when it succeeded
 */
public record WebhookEventDeliveries(
        UUID eventId,
        String eventType,
        int attempts,
        boolean delivered,
        Integer lastResponseStatus,
        String lastError,
        Instant firstAttemptAt,
        Instant lastAttemptAt) {}
