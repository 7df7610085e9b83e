package org.enverify.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.enverify.account.Memberships;
import org.enverify.account.User;
import org.enverify.account.Users;
import org.enverify.apikey.ApiKeySummary;
import org.enverify.apikey.ApiKeyType;
import org.enverify.apikey.ApiKeys;
import org.enverify.platform.Actor;
import org.enverify.realm.Permission;
import org.enverify.realm.TestType;
import org.enverify.stats.RealmCounters;
import org.enverify.support.ApiClient;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Each cleanup rule, driven by moving the clock rather than by waiting. */
@EnverifyIntegrationTest
class CleanupIntegrationTests {

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    PeriodicTasks tasks;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Users users;

    @Autowired
    Memberships memberships;

    @Autowired
    RealmCounters counters;

    @Autowired
    MutableClock clock;

    ApiClient api;

    @BeforeEach
    void setUp(ApiClient api) {
        this.api = api;
    }

    private String cleanup() throws Exception {
        return Jobs.runNow(tasks, "cleanup");
    }

    private boolean hmacsCleared(String uuid) {
        return jdbc.sql(
                        "SELECT code_hmac IS NULL AND long_code_hmac IS NULL FROM verification_codes WHERE uuid = ?::uuid")
                .param(uuid)
                .query(Boolean.class)
                .single();
    }

    @Test
    void expiredCodesAreRecycledAfterTwoDaysAndForgottenAfterTwoWeeks(TestRealm realm) throws Exception {
        String uuid = api.post("/api/issue", realm.adminKey(), Map.of("testType", "confirmed"))
                .json()
                .path("uuid")
                .asString();

        clock.advance(Duration.ofHours(47));
        cleanup();
        assertThat(hmacsCleared(uuid)).as("kept within the recycle window").isFalse();

        clock.advance(Duration.ofHours(2));
        assertThat(cleanup()).contains("expired codes");
        assertThat(hmacsCleared(uuid)).isTrue();
        assertThat(api.post("/api/checkcodestatus", realm.adminKey(), Map.of("uuid", uuid))
                        .status())
                .as("a recycled code still answers status checks")
                .isEqualTo(200);

        clock.advance(Duration.ofDays(12));
        cleanup();
        assertThat(api.post("/api/checkcodestatus", realm.adminKey(), Map.of("uuid", uuid))
                        .errorCode())
                .isEqualTo("code_not_found");
    }

    @Test
    void tokensGoADayAfterTheyExpire(TestRealm realm) throws Exception {
        String code = api.post("/api/issue", realm.adminKey(), Map.of("testType", "confirmed"))
                .json()
                .path("code")
                .asString();
        api.post("/api/verify", realm.deviceKey(), Map.of("code", code));
        long tokens = tokenCount(realm);
        assertThat(tokens).isEqualTo(1);

        clock.advance(Duration.ofHours(47));
        cleanup();
        assertThat(tokenCount(realm)).isEqualTo(1);
        clock.advance(Duration.ofHours(2));
        cleanup();
        assertThat(tokenCount(realm)).isZero();
    }

    @Test
    void disabledKeysGoAfterTwoWeeksAndEnabledOnesStay(TestRealm realm) throws Exception {
        ApiKeySummary spare = apiKeys.create(realm.id(), ApiKeyType.ADMIN, "spare", Actor.system())
                .summary();
        apiKeys.disable(realm.id(), spare.id(), Actor.system());

        clock.advance(Duration.ofDays(13));
        cleanup();
        assertThat(apiKeys.list(realm.id())).extracting(ApiKeySummary::id).contains(spare.id());
        clock.advance(Duration.ofDays(2));
        cleanup();
        assertThat(apiKeys.list(realm.id()))
                .extracting(ApiKeySummary::id)
                .doesNotContain(spare.id())
                .hasSize(3);
        assertThat(api.post("/api/issue", realm.adminKey(), Map.of("testType", "confirmed"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void statisticsOlderThanNinetyOneDaysGo(TestRealm realm) throws Exception {
        api.post("/api/issue", realm.adminKey(), Map.of("testType", "confirmed", "externalIssuerID", "lab-1"));
        counters.codeIssued(realm.id(), null, 42L, null, TestType.CONFIRMED);
        assertThat(counterRows(realm)).isEqualTo(4);

        clock.advance(Duration.ofDays(90));
        cleanup();
        assertThat(counterRows(realm)).isEqualTo(4);
        clock.advance(Duration.ofDays(2));
        cleanup();
        assertThat(counterRows(realm)).isZero();
    }

    @Test
    void relayedEventsGoAfterThirtyDaysAndUnrelayedOnesStay(TestRealm realm) throws Exception {
        api.post("/api/issue", realm.adminKey(), Map.of("testType", "confirmed"));
        Jobs.runNow(tasks, "events");
        api.post("/api/issue", realm.adminKey(), Map.of("testType", "confirmed"));
        assertThat(eventCount(realm, true)).isEqualTo(1);
        assertThat(eventCount(realm, false)).isEqualTo(1);

        clock.advance(Duration.ofDays(29));
        cleanup();
        assertThat(eventCount(realm, true)).isEqualTo(1);
        clock.advance(Duration.ofDays(2));
        cleanup();
        assertThat(eventCount(realm, true)).isZero();
        assertThat(eventCount(realm, false)).as("waits for the relay").isEqualTo(1);
    }

    @Test
    void accountsWithoutARealmGoAfterThirtyDays(TestRealm realm) throws Exception {
        User lonely = users.create("lonely-" + UUID.randomUUID() + "@example.org", "Lonely", false);
        User member = TestUsers.member(users, memberships, realm.id(), Set.of(Permission.CODE_READ));
        User admin = TestUsers.systemAdmin(users);

        clock.advance(Duration.ofDays(29));
        cleanup();
        assertThat(users.find(lonely.id())).isPresent();
        clock.advance(Duration.ofDays(2));
        cleanup();
        assertThat(users.find(lonely.id())).isEmpty();
        assertThat(users.find(member.id())).isPresent();
        assertThat(users.find(admin.id())).isPresent();
    }

    @Test
    void internalRoutesAreRefusedWhileNoTokenIsConfigured() {
        ApiClient.Response refused = api.postWithHeaders(
                "/internal/jobs/cleanup",
                Map.of("Authorization", "Bearer " + Base64.getEncoder().encodeToString(new byte[8])),
                "");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("error").asString()).contains("ENVERIFY_INTERNAL_TOKEN");
    }

    private long tokenCount(TestRealm realm) {
        return jdbc.sql("SELECT count(*) FROM tokens WHERE realm_id = ?")
                .param(realm.id().value())
                .query(Long.class)
                .single();
    }

    private long eventCount(TestRealm realm, boolean relayed) {
        return jdbc.sql("SELECT count(*) FROM events WHERE realm_id = ? AND (relayed_at IS NOT NULL) = ?")
                .params(realm.id().value(), relayed)
                .query(Long.class)
                .single();
    }

    /** Rows of the realm in every daily counters table: realm, API key, external issuer and user. */
    private long counterRows(TestRealm realm) {
        counters.flush();
        return jdbc.sql("""
                        SELECT (SELECT count(DISTINCT day) FROM realm_daily_counters WHERE realm_id = :realm)
                             + (SELECT count(DISTINCT day) FROM api_key_daily_counters WHERE realm_id = :realm)
                             + (SELECT count(DISTINCT day) FROM external_issuer_daily_counters WHERE realm_id = :realm)
                             + (SELECT count(DISTINCT day) FROM user_daily_counters WHERE realm_id = :realm)""")
                .param("realm", realm.id().value())
                .query(Long.class)
                .single();
    }
}
