package org.enverify.e2e;

import java.security.SecureRandom;
import java.time.Instant;
import org.enverify.platform.ConditionalOnSettings;
import org.springframework.stereotype.Component;

/** A confirmed code, issued without a phone, walked to the certificate and the key server (task {@code e2e}). */
@Component
@ConditionalOnSettings({
    "enverify.e2e.admin-url",
    "enverify.e2e.device-url",
    "enverify.e2e.admin-key",
    "enverify.e2e.device-key"
})
class DefaultFlow extends E2eTask {

    private final E2eSettings settings;
    private final E2eCalls calls;
    private final SecureRandom random = new SecureRandom();

    DefaultFlow(E2eSettings settings, E2eCalls calls, E2eRuns runs) {
        super(E2eFlow.DEFAULT, runs);
        this.settings = settings;
        this.calls = calls;
    }

    @Override
    String walk(Instant now) {
        CodeWalk walk = new CodeWalk(settings, calls, random);
        walk.pass("", new CodeWalk.Issue("confirmed", null), walk.keys(now), "", now);
        return walk.steps();
    }
}
