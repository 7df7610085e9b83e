package org.enverify.platform.net;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Calls to URLs that realm administrators chose.
 *
 * @param allowPrivate also allows plain HTTP and addresses that are private, loopback or link-local
 *     ({@code ENVERIFY_WEBHOOKS_ALLOW_PRIVATE}), for tests and closed networks
 * @param timeout longest wait for a webhook's whole answer ({@code ENVERIFY_WEBHOOKS_TIMEOUT})
 */
@ConfigurationProperties("enverify.webhooks")
public record WebhookSettings(
        @DefaultValue("false") boolean allowPrivate,
        @DefaultValue("10s") Duration timeout) {}
