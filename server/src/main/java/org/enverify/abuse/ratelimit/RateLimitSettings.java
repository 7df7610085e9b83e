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
 * @param uiAnonymous the web UI's pages for people not signed in (sign-in, password reset,
 *     invitations), per client address ({@code ENVERIFY_RATE_LIMIT_UI_ANONYMOUS})
 * @param signIn sign-in attempts per account from one client address ({@code ENVERIFY_RATE_LIMIT_SIGN_IN}): an
 *     address that tries too often is refused for that account, the owner elsewhere is not
 * @param signInAddress sign-in attempts and password reset requests per client address, whatever the account
 *     ({@code ENVERIFY_RATE_LIMIT_SIGN_IN_ADDRESS})
 * @param signInAccount wrong passwords per account from every address together
 *     ({@code ENVERIFY_RATE_LIMIT_SIGN_IN_ACCOUNT}); beyond it the account's sign-in is held back until the next
 *     token (interval / tokens), its owner is told by mail, and only a second factor lets the right password in
 */
@ConfigurationProperties("enverify.rate-limit")
record RateLimitSettings(
        @DefaultValue("60/1m") String deviceApi,
        @DefaultValue("60/1m") String adminApi,
        @DefaultValue("60/1m") String jwks,
        @DefaultValue("60/1m") String redirect,
        @DefaultValue("60/1m") String ui,
        @DefaultValue("60/1m") String uiAnonymous,
        @DefaultValue("10/15m") String signIn,
        @DefaultValue("50/15m") String signInAddress,
        @DefaultValue("20/15m") String signInAccount) {

    RateLimitSettings {
        limits(deviceApi, adminApi, jwks, redirect, ui, uiAnonymous, signIn, signInAddress, signInAccount);
    }

    /** Each surface's limit. */
    Map<Surface, Limit> limits() {
        return limits(deviceApi, adminApi, jwks, redirect, ui, uiAnonymous, signIn, signInAddress, signInAccount);
    }

    private static Map<Surface, Limit> limits(
            String deviceApi,
            String adminApi,
            String jwks,
            String redirect,
            String ui,
            String uiAnonymous,
            String signIn,
            String signInAddress,
            String signInAccount) {
        Limit account = Limit.parse(Surface.SIGN_IN_ACCOUNT.variable(), signInAccount);
        return Map.of(
                Surface.DEVICE_API, Limit.parse(Surface.DEVICE_API.variable(), deviceApi),
                Surface.ADMIN_API, Limit.parse(Surface.ADMIN_API.variable(), adminApi),
                Surface.JWKS, Limit.parse(Surface.JWKS.variable(), jwks),
                Surface.REDIRECT, Limit.parse(Surface.REDIRECT.variable(), redirect),
                Surface.UI, Limit.parse(Surface.UI.variable(), ui),
                Surface.UI_ANONYMOUS, Limit.parse(Surface.UI_ANONYMOUS.variable(), uiAnonymous),
                Surface.SIGN_IN, Limit.parse(Surface.SIGN_IN.variable(), signIn),
                Surface.SIGN_IN_ADDRESS, Limit.parse(Surface.SIGN_IN_ADDRESS.variable(), signInAddress),
                Surface.SIGN_IN_ACCOUNT, account,
                Surface.SIGN_IN_NOTICE, new Limit(1, account.interval()));
    }
}
