package org.enverify.code.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.enverify.apikey.ApiKeys;
import org.enverify.realm.Realms;
import org.enverify.support.ApiClient;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.TestRealm;
import org.enverify.support.Waiting;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Bulk issuing through the admin API, carried out by this process's worker role. */
@EnverifyIntegrationTest
class BulkIssueIntegrationTests {

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    ApiClient api;

    @BeforeEach
    void setUp(ApiClient api) {
        this.api = api;
    }

    private TestRealm bulkRealm() {
        return TestRealm.create(realms, apiKeys, Map.of("require_date", "false", "allow_bulk_upload", "true"));
    }

    private long codes(TestRealm realm) {
        return jdbc.sql("SELECT count(*) FROM verification_codes WHERE realm_id = ?")
                .param(realm.id().value())
                .query(Long.class)
                .single();
    }

    private JsonNode awaitDone(TestRealm realm, String id) {
        return Waiting.until(
                "the bulk issue to finish",
                Duration.ofMinutes(5),
                () -> api.get("/api/v1/bulk-issues/" + id, realm.adminKey()).json(),
                status -> status.path("status").asString().equals("done"));
    }

    @Test
    void tenThousandRowsAreIssuedOnceEvenWhenTheFileIsUploadedAgain() throws Exception {
        TestRealm realm = bulkRealm();
        StringBuilder file = new StringBuilder("testType,externalIssuerID\n");
        for (int i = 0; i < 10_000; i++) {
            file.append("confirmed,row-").append(i).append('\n');
        }
        ApiClient.Response accepted = api.post("/api/v1/bulk-issues", realm.adminKey(), "text/csv", file.toString());
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String id = accepted.json().path("id").asString();
        assertThat(accepted.json().path("totalRows").asInt()).isEqualTo(10_000);

        JsonNode done = awaitDone(realm, id);
        assertThat(done.path("issued").asInt()).isEqualTo(10_000);
        assertThat(done.path("failed").asInt()).isZero();
        assertThat(codes(realm)).isEqualTo(10_000);

        ApiClient.Response again = api.post("/api/v1/bulk-issues", realm.adminKey(), "text/csv", file.toString());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("id").asString()).isEqualTo(id);
        assertThat(codes(realm)).as("a re-upload issues nothing new").isEqualTo(10_000);

        String results = api.get("/api/v1/bulk-issues/" + id + "/results.csv", realm.adminKey())
                .body();
        assertThat(results.lines()).hasSize(10_001).first().isEqualTo("line,uuid,status,errorCode,error");
        assertThat(results.lines().skip(1)).allMatch(line -> line.contains(",issued,"));
    }

    @Test
    void everyBadRowGetsItsOwnErrorAndTheOthersAreIssued() throws Exception {
        TestRealm realm = bulkRealm();
        String today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
        String file = """
                testType,symptomDate,phone
                confirmed,%s,
                bogus,,
                confirmed,2026-02-30,
                likely,,,extra
                confirmed,,not-a-phone
                negative,,
                """.formatted(today);
        String id = api.post("/api/v1/bulk-issues", realm.adminKey(), "text/csv", file)
                .json()
                .path("id")
                .asString();
        JsonNode done = awaitDone(realm, id);
        assertThat(done.path("issued").asInt()).isEqualTo(2);
        assertThat(done.path("failed").asInt()).isEqualTo(4);
        assertThat(codes(realm)).isEqualTo(2);
        String results = api.get("/api/v1/bulk-issues/" + id + "/results.csv", realm.adminKey())
                .body();
        assertThat(results).contains("3,", "invalid_test_type", "unparsable_request", "phone_number_invalid");
        assertThat(jdbc.sql("SELECT count(*) FROM bulk_issue_rows WHERE realm_id = ? AND phone_ciphertext IS NOT NULL")
                        .param(realm.id().value())
                        .query(Long.class)
                        .single())
                .as("no phone is kept once its row is done")
                .isZero();
    }

    @Test
    void filesThatAreNotCsvOfCodesAreRefusedWhole() {
        TestRealm realm = bulkRealm();
        assertThat(api.post("/api/v1/bulk-issues", realm.adminKey(), "text/csv", "colour\nblue\n")
                        .errorCode())
                .isEqualTo("unparsable_request");
        assertThat(api.post("/api/v1/bulk-issues", realm.adminKey(), "text/csv", "phone\n+12065550100\n")
                        .json()
                        .path("error")
                        .asString())
                .contains("testType");
        assertThat(api.post("/api/v1/bulk-issues", realm.adminKey(), "text/csv", "testType\n")
                        .status())
                .isEqualTo(400);
        assertThat(api.post("/api/v1/bulk-issues", realm.adminKey(), "text/csv", "testType\nconfirmed\u0000\n")
                        .status())
                .isEqualTo(400);
        assertThat(api.post("/api/v1/bulk-issues", realm.adminKey(), "application/json", "{}")
                        .status())
                .isEqualTo(400);
        // Just over the limit: a far larger body is not drained by Tomcat, which then drops the connection.
        ApiClient.Response huge = api.post(
                "/api/v1/bulk-issues", realm.adminKey(), "text/csv", "testType\n" + "confirmed\n".repeat(2_100_000));
        assertThat(huge.status()).isEqualTo(413);
        assertThat(codes(realm)).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM bulk_issues WHERE realm_id = ?")
                        .param(realm.id().value())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void onlyTheRealmsAdminKeysReachItsBulkIssues() throws Exception {
        TestRealm realm = bulkRealm();
        TestRealm other = bulkRealm();
        TestRealm disabled = TestRealm.create(realms, apiKeys);
        String id = api.post("/api/v1/bulk-issues", realm.adminKey(), "text/csv", "testType\nconfirmed\n")
                .json()
                .path("id")
                .asString();
        awaitDone(realm, id);
        assertThat(api.get("/api/v1/bulk-issues/" + id, other.adminKey()).status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/bulk-issues/" + id, realm.deviceKey()).status())
                .isEqualTo(401);
        assertThat(api.get("/api/v1/bulk-issues/not-a-uuid", realm.adminKey()).status())
                .isEqualTo(404);
        assertThat(api.post("/api/v1/bulk-issues", disabled.adminKey(), "text/csv", "testType\nconfirmed\n")
                        .errorCode())
                .isEqualTo("bulk_disabled");
        assertThat(api.get("/api/v1/bulk-issues/template.csv", realm.adminKey()).body())
                .startsWith("phone,testType");
    }
}
