package org.enverify.e2e;

import java.time.Duration;
import org.enverify.apikey.ApiKeys;

/** The end-to-end self-test's realm as other features' tests need it. */
public final class TestE2e {

    private TestE2e() {}

    /** The self-test's realm as a self-test with this admin key would have it. */
    public static E2eTestRealm realmOf(ApiKeys apiKeys, String adminKey) {
        return new E2eTestRealm(
                apiKeys,
                new E2eSettings(
                        "http://localhost",
                        "http://localhost",
                        adminKey,
                        "",
                        "",
                        "",
                        "",
                        "",
                        Duration.ofSeconds(1),
                        Duration.ofDays(1)));
    }
}
