package org.enverify.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.enverify.platform.Actor;
import org.enverify.signing.CertificateKeys;
import org.enverify.stats.RealmCounters;
import org.enverify.support.ApiClient;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.TestRealm;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Nothing of one realm is reachable through another realm's keys, ids or rows. */
@EnverifyIntegrationTest
class RealmIsolationIntegrationTests {

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    RealmCounters counters;

    @Autowired
    CertificateKeys certificateKeys;

    @Autowired
    MutableClock clock;

    @Test
    void aKeyRewrittenToNameAnotherRealmIsRefused(TestRealm a, TestRealm b, ApiClient api) {
        String[] parts = a.adminKey().split("\\.");
        String forged = parts[0] + "." + b.id() + "." + parts[2];

        assertThat(apiKeys.authenticate(forged, ApiKeyType.ADMIN)).isEmpty();
        assertThat(api.post("/api/issue", forged, Map.of("testType", "confirmed"))
                        .status())
                .isEqualTo(401);
        assertThat(apiKeys.authenticate(a.adminKey(), ApiKeyType.ADMIN))
                .hasValueSatisfying(caller -> assertThat(caller.realm()).isEqualTo(a.id()));
    }

    @Test
    void aKeyIsDisabledAndEnabledOnlyThroughItsOwnRealm(TestRealm a, TestRealm b) {
        long keyOfA = apiKeys.authenticate(a.adminKey(), ApiKeyType.ADMIN)
                .orElseThrow()
                .keyId();

        assertThatThrownBy(() -> apiKeys.disable(b.id(), keyOfA, Actor.system()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("There is no API key " + keyOfA);
        assertThat(apiKeys.authenticate(a.adminKey(), ApiKeyType.ADMIN)).isPresent();

        apiKeys.disable(a.id(), keyOfA, Actor.system());
        assertThatThrownBy(() -> apiKeys.enable(b.id(), keyOfA, Actor.system()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(apiKeys.find(a.id(), keyOfA))
                .hasValueSatisfying(key -> assertThat(key.enabled()).isFalse());
    }

    @Test
    void listingsCountersAndKeysBelongToOneRealm(TestRealm a, TestRealm b, ApiClient api) {
        api.post("/api/issue", a.adminKey(), Map.of("testType", "confirmed"));
        certificateKeys.createRealmKey(a.id(), Actor.system());

        assertThat(apiKeys.list(b.id())).extracting(ApiKeySummary::realm).containsOnly(b.id());
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        assertThat(counters.daily(a.id(), today, today))
                .singleElement()
                .extracting(c -> c.codesIssued())
                .isEqualTo(1L);
        assertThat(counters.daily(b.id(), today, today)).isEmpty();
        assertThat(certificateKeys.realmJwks(a.id())).hasSize(1);
        assertThat(certificateKeys.realmJwks(b.id())).isEmpty();
        assertThat(api.get("/jwks/" + b.id()).body()).isEqualTo("[]");
    }
}
