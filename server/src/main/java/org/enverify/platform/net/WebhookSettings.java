package org.enverify.platform.net;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Calls to URLs that realm administrators chose: event webhooks and the user-report SMS webhook.
 *
 * @param allowPrivate also allows plain HTTP and addresses that are private, loopback or link-local
 *     ({@code ENVERIFY_WEBHOOKS_ALLOW_PRIVATE}), for tests and closed networks
 * @param timeout longest wait for a webhook's whole answer ({@code ENVERIFY_WEBHOOKS_TIMEOUT})
 * @param attempts deliveries of one event to one endpoint before it is given up
 *     ({@code ENVERIFY_WEBHOOKS_ATTEMPTS}); with the default first wait, the last is about a day later
 * @param firstRetryDelay the wait before the second attempt, doubling after each
 *     ({@code ENVERIFY_WEBHOOKS_FIRST_RETRY_DELAY})
 * @param disableAfter an endpoint that failed every delivery for this long is disabled
 *     ({@code ENVERIFY_WEBHOOKS_DISABLE_AFTER})
 */
@ConfigurationProperties("enverify.webhooks")
public record WebhookSettings(
        @DefaultValue("false") boolean allowPrivate,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("12") int attempts,
        @DefaultValue("45s") Duration firstRetryDelay,
        @DefaultValue("24h") Duration disableAfter) {}
