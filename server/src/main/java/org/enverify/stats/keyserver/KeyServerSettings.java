package org.enverify.stats.keyserver;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The key server that realms' publish statistics are pulled from.
 *
 * @param url base URL of the key server for realms without their own ({@code ENVERIFY_KEY_SERVER_URL}); anything
 *     from {@code /v1} on is dropped, so the publish URL works too
 * @param statsAudience {@code aud} of the stats pull token unless the realm overrides it
 *     ({@code ENVERIFY_KEY_SERVER_STATS_AUDIENCE})
 * @param timeout longest wait for one key server's whole answer ({@code ENVERIFY_KEY_SERVER_TIMEOUT})
 * @param maxResponseBytes largest answer read from a key server ({@code ENVERIFY_KEY_SERVER_MAX_RESPONSE_BYTES})
 * @param statsMaxAge how long pulled days are kept ({@code ENVERIFY_KEY_SERVER_STATS_MAX_AGE})
 */
@ConfigurationProperties("enverify.key-server")
public record KeyServerSettings(
        @DefaultValue("") String url,
        @DefaultValue("keyserver") String statsAudience,
        @DefaultValue("1m") Duration timeout,
        @DefaultValue("4000000") long maxResponseBytes,
        @DefaultValue("91d") Duration statsMaxAge) {}
