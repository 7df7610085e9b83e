package org.enverify.e2e;

import java.security.SecureRandom;
import java.time.Instant;
import org.enverify.platform.ConditionalOnSettings;
import org.springframework.stereotype.Component;

/**
 * The default walk with the code sent by SMS to {@code ENVERIFY_E2E_PHONE} through the realm's provider (task
 * {@code e2e-sms}). As upstream's runner, it learns of the send from the issue answer: the server answers 200 only
 * when the provider took the message, and {@code sms_failure} (with the code withdrawn) when it refused.
 */
@Component
@ConditionalOnSettings({
    "enverify.e2e.admin-url",
    "enverify.e2e.device-url",
    "enverify.e2e.admin-key",
    "enverify.e2e.device-key",
    "enverify.e2e.phone"
})
class SmsFlow extends E2eTask {

    private final E2eSettings settings;
    private final E2eCalls calls;
    private final SecureRandom random = new SecureRandom();

    SmsFlow(E2eSettings settings, E2eCalls calls, E2eRuns runs) {
        super(E2eFlow.SMS, runs);
        this.settings = settings;
        this.calls = calls;
    }

    @Override
    String walk(Instant now) {
        CodeWalk walk = new CodeWalk(settings, calls, random);
        walk.pass("", new CodeWalk.Issue("confirmed", settings.phone()), walk.keys(now), "", now);
        return walk.steps();
    }
}
