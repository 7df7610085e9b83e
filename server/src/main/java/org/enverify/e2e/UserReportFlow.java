package org.enverify.e2e;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.enverify.platform.Actor;
import org.enverify.platform.ConditionalOnSettings;
import org.enverify.platform.Refusal;
import org.enverify.realm.Realm;
import org.enverify.realm.Realms;
import org.enverify.userreport.UserReports;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Upstream's user-report run (task {@code e2e-user-report}): the test phone's previous report is purged, a
 * {@code user-report} code is issued for it through the admin API and walked to its certificate; then the device
 * API's {@code /api/user-report} is asked with a fresh nonce for the same phone, which already has its report and
 * so gets the ordinary answer without a second SMS. The code of a report a phone asks for itself reaches only that
 * phone, so no runner can walk that one further. The realm must allow user reports through the admin API.
 */
@Component
@ConditionalOnSettings({
    "enverify.e2e.admin-url",
    "enverify.e2e.device-url",
    "enverify.e2e.admin-key",
    "enverify.e2e.device-key",
    "enverify.e2e.phone"
})
class UserReportFlow extends E2eTask {

    private final E2eSettings settings;
    private final E2eCalls calls;
    private final E2eTestRealm testRealm;
    private final Realms realms;
    private final UserReports userReports;
    private final SecureRandom random = new SecureRandom();

    UserReportFlow(
            E2eSettings settings,
            E2eCalls calls,
            E2eRuns runs,
            E2eTestRealm testRealm,
            Realms realms,
            UserReports userReports) {
        super(E2eFlow.USER_REPORT, runs);
        this.settings = settings;
        this.calls = calls;
        this.testRealm = testRealm;
        this.realms = realms;
        this.userReports = userReports;
    }

    @Override
    String walk(Instant now) {
        purgePreviousReport();
        CodeWalk walk = new CodeWalk(settings, calls, random);
        walk.pass("", new CodeWalk.Issue("user-report", settings.phone()), walk.keys(now), "", now);

        byte[] nonce = new byte[UserReports.NONCE_BYTES];
        random.nextBytes(nonce);
        JsonNode reported = calls.call(
                "user-report",
                settings.deviceUrl(),
                "/api/user-report",
                settings.deviceKey(),
                Map.of("phone", settings.phone(), "nonce", Base64.getEncoder().encodeToString(nonce)));
        if (reported.path("expiresAtTimestamp").asLong(0) <= 0) {
            throw new StepFailed("user-report", "the answer has no expiresAtTimestamp");
        }
        return "purge, " + walk.steps() + ", user-report";
    }

    /** A phone gets one report at a time; upstream's runner deletes the test phone's before each run too. */
    private void purgePreviousReport() {
        Realm realm = testRealm
                .find()
                .flatMap(realms::find)
                .orElseThrow(() -> new StepFailed(
                        "purge",
                        "ENVERIFY_E2E_ADMIN_KEY is not a key of this installation, so the test phone's"
                                + " previous report cannot be purged"));
        try {
            userReports.purge(realm, settings.phone(), Actor.system());
        } catch (Refusal e) {
            throw new StepFailed("purge", "ENVERIFY_E2E_PHONE is not a phone number the realm can read");
        }
    }
}
