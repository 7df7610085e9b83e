package org.enverify.e2e;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.enverify.platform.ConditionalOnSettings;
import org.springframework.stereotype.Component;

/**
 * Upstream's revise run (task {@code e2e-revise}): a likely code walked to its certificate and published, then a
 * confirmed code whose certificate covers the same keys and one more of today, published with the revision token
 * the key server gave for the first publish; the key server's likely→confirmed revision.
 */
@Component
@ConditionalOnSettings({
    "enverify.e2e.admin-url",
    "enverify.e2e.device-url",
    "enverify.e2e.admin-key",
    "enverify.e2e.device-key"
})
class ReviseFlow extends E2eTask {

    private final E2eSettings settings;
    private final E2eCalls calls;
    private final SecureRandom random = new SecureRandom();

    ReviseFlow(E2eSettings settings, E2eCalls calls, E2eRuns runs) {
        super(E2eFlow.REVISE, runs);
        this.settings = settings;
        this.calls = calls;
    }

    @Override
    String walk(Instant now) {
        CodeWalk walk = new CodeWalk(settings, calls, random);
        List<TestKeys.Tek> keys = new ArrayList<>(walk.keys(now));
        String revisionToken = walk.pass("", new CodeWalk.Issue("likely", null), keys, "", now);
        if (!settings.keyServer().isBlank() && revisionToken.isBlank()) {
            throw new StepFailed("publish", "the key server answered no revisionToken");
        }
        keys.add(TestKeys.generate(1, now, random).getFirst());
        walk.pass("revised ", new CodeWalk.Issue("confirmed", null), keys, revisionToken, now);
        return walk.steps();
    }
}
