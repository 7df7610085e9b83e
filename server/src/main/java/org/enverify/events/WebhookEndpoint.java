package org.enverify.events;

import java.time.Instant;
import java.util.List;

/** A realm's webhook endpoint as listed; its secret is shown only when it is made. */
public record WebhookEndpoint(
        long id,
        String url,
        List<String> eventTypes,
        boolean rotating,
        Instant failingSince,
        Instant disabledAt,
        String disabledReason,
        Instant createdAt) {}
