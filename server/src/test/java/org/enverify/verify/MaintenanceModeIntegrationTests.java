package org.enverify.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.enverify.apikey.ApiKeys;
import org.enverify.realm.Realms;
import org.enverify.support.ApiClient;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.TestRealm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The global maintenance switch blocks issuing and verifying with 429 {@code maintenance_mode}, and
 * leaves the routes that let flows in flight finish answering as usual. Chaff is answered as ever:
 * it never reaches a handler, and refusing it would tell it apart from nothing.
 */
@EnverifyIntegrationTest
@TestPropertySource(properties = "enverify.maintenance-mode=true")
class MaintenanceModeIntegrationTests {

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    TestRealm realm;

    @BeforeEach
    void setUp(ApiClient api) {
        this.api = api;
        realm = TestRealm.create(realms, apiKeys, Map.of("require_date", "false", "allow_bulk_upload", "true"));
    }

    @Test
    void verifyIsBlocked() {
        assertMaintenance(api.post("/api/verify", realm.deviceKey(), Map.of("code", "12345678")));
        assertMaintenance(api.post("/api/verify", realm.deviceKey(), Map.of("code", "abcdefghijklmnop")));
    }

    @Test
    void verifyIsBlockedBeforeItsBodyIsJudged() {
        assertMaintenance(api.post("/api/verify", realm.deviceKey(), "text/plain", "not json"));
        assertMaintenance(api.post("/api/verify", realm.deviceKey(), Map.of("code", "1", "accept", List.of("bogus"))));
    }

    @Test
    void userReportIsBlockedBeforeItsBodyIsJudged() {
        assertMaintenance(api.post("/api/user-report", realm.deviceKey(), Map.of("phone", "+12065550100")));
        assertMaintenance(api.post("/api/user-report", realm.deviceKey(), "text/plain", "not json"));
        assertThat(codesIn(realm)).isZero();
    }

    @Test
    void issueIsBlockedAndStoresNothing() {
        assertMaintenance(api.post("/api/issue", realm.adminKey(), Map.of("testType", "confirmed")));
        assertMaintenance(api.post("/api/issue", realm.adminKey(), Map.of("testType", "bogus")));
        assertThat(codesIn(realm)).isZero();
    }

    @Test
    void batchIssueIsBlockedAndStoresNothing() {
        assertMaintenance(api.post(
                "/api/batch-issue",
                realm.adminKey(),
                Map.of("codes", List.of(Map.of("testType", "confirmed"), Map.of("testType", "likely")))));
        assertThat(codesIn(realm)).isZero();
    }

    @Test
    void batchIssueIsBlockedEvenWhereBulkIssuingIsOff(TestRealm noBulk) {
        assertMaintenance(api.post(
                "/api/batch-issue", noBulk.adminKey(), Map.of("codes", List.of(Map.of("testType", "confirmed")))));
    }

    @Test
    void aRequestWithoutAValidKeyIsUnauthorizedNotInMaintenance() {
        for (String path : List.of("/api/verify", "/api/issue", "/api/batch-issue")) {
            ApiClient.Response response = api.post(path, null, Map.of("code", "12345678"));
            assertThat(response.status()).as(path).isEqualTo(401);
            assertThat(response.errorCode()).isEqualTo("unauthorized");
        }
        assertThat(api.post("/api/verify", realm.adminKey(), Map.of("code", "12345678"))
                        .status())
                .isEqualTo(401);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/verify", "/api/certificate", "/api/user-report"})
    void chaffIsStillAnswered(String path) {
        ApiClient.Response response =
                api.post(path, realm.deviceKey(), "application/json", "{}", Map.of("X-Chaff", "1"));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().propertyNames()).containsExactly("padding");
    }

    @Test
    void certificateIsNotBlocked() {
        String hmac = Base64.getEncoder().encodeToString(new byte[32]);
        ApiClient.Response response =
                api.post("/api/certificate", realm.deviceKey(), Map.of("token", "garbage", "ekeyhmac", hmac));
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("token_invalid");
    }

    @Test
    void checkCodeStatusIsNotBlocked() {
        ApiClient.Response response = api.post(
                "/api/checkcodestatus",
                realm.adminKey(),
                Map.of("uuid", UUID.randomUUID().toString()));
        assertThat(response.status()).as(response.body()).isEqualTo(404);
        assertThat(response.errorCode()).isEqualTo("code_not_found");
    }

    @Test
    void expireCodeIsNotBlocked() {
        ApiClient.Response response = api.post(
                "/api/expirecode",
                realm.adminKey(),
                Map.of("uuid", UUID.randomUUID().toString()));
        assertThat(response.status()).as(response.body()).isEqualTo(404);
        assertThat(response.errorCode()).isEqualTo("code_not_found");
    }

    @Test
    void healthReportsMaintenanceMode() {
        ApiClient.Response health = api.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("ok");
        assertThat(health.json().path("maintenance_mode").isBoolean()).isTrue();
        assertThat(health.json().path("maintenance_mode").asBoolean()).isTrue();
    }

    private static void assertMaintenance(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(429);
        assertThat(response.errorCode()).isEqualTo("maintenance_mode");
        assertThat(response.json().path("error_code").asString()).isEqualTo("maintenance_mode");
    }

    private long codesIn(TestRealm realm) {
        return jdbc.sql("SELECT count(*) FROM verification_codes WHERE realm_id = ?")
                .param(realm.id().value())
                .query(Long.class)
                .single();
    }
}
