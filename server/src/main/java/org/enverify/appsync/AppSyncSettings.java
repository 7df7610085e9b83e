package org.enverify.appsync;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The published app feed.
 *
 * @param url where the feed is ({@code ENVERIFY_APPSYNC_URL}); empty turns app sync off
 * @param maxBytes largest feed read ({@code ENVERIFY_APPSYNC_MAX_BYTES})
 * @param timeout longest wait for the whole feed ({@code ENVERIFY_APPSYNC_TIMEOUT})
 */
@ConfigurationProperties("enverify.appsync")
public record AppSyncSettings(
        @DefaultValue("") String url,
        @DefaultValue("4000000") long maxBytes,
        @DefaultValue("1m") Duration timeout) {}
