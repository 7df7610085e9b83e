package org.enverify.abuse.ratelimit;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Requests allowed per API surface, each {@code <tokens>/<interval>} such as {@code 120/1m}, per
 * realm and client address (or per address for requests without a valid key).
 *
 * @param deviceApi {@code /api/verify}, {@code /api/certificate}, {@code /api/user-report}
 *     ({@code ENVERIFY_RATE_LIMIT_DEVICE_API})
 * @param adminApi issuing, status, expiry and statistics ({@code ENVERIFY_RATE_LIMIT_ADMIN_API})
 * @param jwks {@code /jwks/*}, per address ({@code ENVERIFY_RATE_LIMIT_JWKS})
 * @param redirect every other route, per address ({@code ENVERIFY_RATE_LIMIT_REDIRECT})
 * @param ui the web UI, per signed-in user ({@code ENVERIFY_RATE_LIMIT_UI})
 */
@ConfigurationProperties("enverify.rate-limit")
record RateLimitSettings(
        @DefaultValue("60/1m") String deviceApi,
        @DefaultValue("60/1m") String adminApi,
        @DefaultValue("60/1m") String jwks,
        @DefaultValue("60/1m") String redirect,
        @DefaultValue("60/1m") String ui) {

    RateLimitSettings {
        limits(deviceApi, adminApi, jwks, redirect, ui);
    }

    /** Each surface's limit. */
    Map<Surface, Limit> limits() {
        return limits(deviceApi, adminApi, jwks, redirect, ui);
    }

    private static Map<Surface, Limit> limits(
            String deviceApi, String adminApi, String jwks, String redirect, String ui) {
        return Map.of(
                Surface.DEVICE_API, Limit.parse(Surface.DEVICE_API.variable(), deviceApi),
                Surface.ADMIN_API, Limit.parse(Surface.ADMIN_API.variable(), adminApi),
                Surface.JWKS, Limit.parse(Surface.JWKS.variable(), jwks),
                Surface.REDIRECT, Limit.parse(Surface.REDIRECT.variable(), redirect),
                Surface.UI, Limit.parse(Surface.UI.variable(), ui));
    }
}
