package org.enverify.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.enverify.apikey.ApiKeys;
import org.enverify.platform.Actor;
import org.enverify.realm.RealmSettingsRefused;
import org.enverify.realm.Realms;
import org.enverify.support.ApiClient;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.TestRealm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The realm's own protections: its daily issuing quota and the networks its keys may come from. */
@EnverifyIntegrationTest
class EdgeRulesIntegrationTests {

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    RealmQuota quota;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;

    @BeforeEach
    void setUp(ApiClient api) {
        this.api = api;
    }

    private long storedCodes(TestRealm realm) {
        return jdbc.sql("SELECT count(*) FROM verification_codes WHERE realm_id = ?")
                .param(realm.id().value())
                .query(Long.class)
                .single();
    }

    @Test
    void theQuotaCountsEveryIssuedCodeAndABurstExtendsIt() {
        TestRealm realm = TestRealm.create(
                realms,
                apiKeys,
                Map.of(
                        "require_date", "false",
                        "allow_bulk_upload", "true",
                        "abuse_prevention_enabled", "true",
                        "abuse_prevention_limit", "4",
                        "abuse_prevention_limit_factor", "0.5"));
        assertThat(api.post("/api/issue", realm.adminKey(), Map.of("testType", "confirmed"))
                        .status())
                .isEqualTo(200);
        ApiClient.Response batch = api.post(
                "/api/batch-issue",
                realm.adminKey(),
                Map.of("codes", List.of(Map.of("testType", "confirmed"), Map.of("testType", "confirmed"))));
        assertThat(batch.status()).isEqualTo(429);
        assertThat(batch.errorCode()).isEqualTo("quota_exceeded");
        assertThat(batch.json().path("codes").get(0).has("code")).isTrue();
        assertThat(batch.json().path("codes").get(1).path("errorCode").asString())
                .isEqualTo("quota_exceeded");
        assertThat(storedCodes(realm)).isEqualTo(2);

        ApiClient.Response refused = api.post("/api/issue", realm.adminKey(), Map.of("testType", "confirmed"));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.errorCode()).isEqualTo("quota_exceeded");
        assertThat(storedCodes(realm)).isEqualTo(2);
        assertThat(quota.remaining(realms.find(realm.id()).orElseThrow())).isZero();

        quota.addBurst(realm.id(), 1, Actor.system());
        assertThat(api.post("/api/issue", realm.adminKey(), Map.of("testType", "confirmed"))
                        .status())
                .isEqualTo(200);
        assertThat(api.post("/api/issue", realm.adminKey(), Map.of("testType", "confirmed"))
                        .status())
                .isEqualTo(429);
        assertThat(storedCodes(realm)).isEqualTo(3);
    }

    @Test
    void aRefusedIssueTakesNoQuota() {
        TestRealm realm = TestRealm.create(
                realms,
                apiKeys,
                Map.of("require_date", "false", "abuse_prevention_enabled", "true", "abuse_prevention_limit", "1"));
        assertThat(api.post("/api/issue", realm.adminKey(), Map.of("testType", "bogus"))
                        .status())
                .isEqualTo(400);
        assertThat(api.post("/api/issue", realm.adminKey(), Map.of("testType", "confirmed"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void withoutAbusePreventionThereIsNoQuota() {
        TestRealm realm =
                TestRealm.create(realms, apiKeys, Map.of("require_date", "false", "abuse_prevention_limit", "1"));
        for (int i = 0; i < 3; i++) {
            assertThat(api.post("/api/issue", realm.adminKey(), Map.of("testType", "confirmed"))
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void keysAreRefusedOutsideTheRealmsNetworksPerSurface() {
        TestRealm realm = TestRealm.create(
                realms,
                apiKeys,
                Map.of(
                        "require_date", "false",
                        "allowed_cidrs_admin_api", "10.0.0.0/8, 192.168.0.1",
                        "allowed_cidrs_device_api", "127.0.0.0/8,::1/128"));
        ApiClient.Response outside = api.post("/api/issue", realm.adminKey(), Map.of("testType", "confirmed"));
        assertThat(outside.status()).isEqualTo(401);
        assertThat(outside.errorCode()).isEqualTo("unauthorized");
        assertThat(api.post("/api/verify", realm.deviceKey(), Map.of("code", "12345678"))
                        .errorCode())
                .as("the device API is open to loopback")
                .isEqualTo("code_invalid");

        realms.update(realm.id(), Map.of("allowed_cidrs_admin_api", "127.0.0.1/32,::1"), Actor.system());
        assertThat(api.post("/api/issue", realm.adminKey(), Map.of("testType", "confirmed"))
                        .status())
                .isEqualTo(200);
        assertThat(realms.find(realm.id()).orElseThrow().allowedCidrsAdminApi())
                .containsExactly("127.0.0.1/32", "0:0:0:0:0:0:0:1/128");
    }

    @Test
    void malformedRangesAreRefusedAtSave(TestRealm realm) {
        for (String bad : List.of("10.0.0.0/33", "10.0.0/8", "example.org", "10.0.0.1/", "1.2.3.4/8/8", "::1/129")) {
            assertThatThrownBy(() -> realms.update(realm.id(), Map.of("allowed_cidrs_ui", bad), Actor.system()))
                    .isInstanceOf(RealmSettingsRefused.class)
                    .hasMessageContaining("allowed_cidrs_ui");
        }
        assertThat(realms.find(realm.id()).orElseThrow().allowedCidrsUi()).isEmpty();
    }
}
