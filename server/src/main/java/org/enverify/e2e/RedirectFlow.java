package org.enverify.e2e;

import java.time.Instant;
import org.enverify.platform.ConditionalOnSettings;
import org.enverify.redirect.AppLinkTargets;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Upstream's redirect run (task {@code e2e-redirect}) on the app-link host {@code ENVERIFY_E2E_REDIRECT_URL}: both
 * association files list an app, and the onboarding link sends an Android phone and an iPhone somewhere with a
 * 303 and any other browser to the generic onboarding page.
 */
@Component
@ConditionalOnSettings("enverify.e2e.redirect-url")
class RedirectFlow extends E2eTask {

    private final E2eSettings settings;
    private final E2eCalls calls;

    RedirectFlow(E2eSettings settings, E2eCalls calls, E2eRuns runs) {
        super(E2eFlow.REDIRECT, runs);
        this.settings = settings;
        this.calls = calls;
    }

    @Override
    String walk(Instant now) {
        String host = settings.redirectUrl();
        JsonNode statements = calls.getJson("assetlinks", host, "/.well-known/assetlinks.json");
        if (statements.path(0).path("target").path("package_name").asString("").isBlank()) {
            throw new StepFailed("assetlinks", "the file lists no Android app");
        }
        JsonNode apple = calls.getJson("apple-app-site-association", host, "/.well-known/apple-app-site-association");
        if (apple.path("applinks").path("details").isEmpty()) {
            throw new StepFailed("apple-app-site-association", "the file lists no iOS app");
        }
        calls.redirectTarget("android redirect", host, "/", "android");
        calls.redirectTarget("ios redirect", host, "/", "iphone");
        String browser = calls.redirectTarget("browser redirect", host, "/", E2eCalls.USER_AGENT);
        if (!browser.startsWith(AppLinkTargets.GENERIC_ONBOARDING)) {
            throw new StepFailed(
                    "browser redirect",
                    "a browser was sent to " + E2eCalls.abbreviate(browser) + ", not to the generic onboarding page");
        }
        return "assetlinks, apple-app-site-association, android redirect, ios redirect, browser redirect";
    }
}
