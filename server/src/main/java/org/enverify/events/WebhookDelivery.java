package org.enverify.events;

import java.time.Instant;
import java.util.UUID;

/** One attempt to deliver an event to an endpoint, as its delivery log shows it. */
public record WebhookDelivery(
        UUID eventId, boolean succeeded, Integer responseStatus, String error, Instant attemptedAt) {}
