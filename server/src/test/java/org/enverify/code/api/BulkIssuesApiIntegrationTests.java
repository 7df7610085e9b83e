package org.enverify.code.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enverify.support.ManagementErrors.assertError;
import static org.enverify.support.OAuthRealm.bearer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.enverify.apikey.ApiKeys;
import org.enverify.realm.Realms;
import org.enverify.support.ApiClient;
import org.enverify.support.ManagementApiIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.OAuthRealm;
import org.enverify.support.Waiting;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Bulk issuing through the management API: the same job as API keys' {@code /api/v1/bulk-issues}, carried out by
 * this process's worker role, with bearer tokens and the envelope.
 */
@ManagementApiIntegrationTest
class BulkIssuesApiIntegrationTests {

    private static final Map<String, String> CSV = Map.of("Content-Type", "text/csv");

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    JdbcClient jdbc;

    private ApiClient api;
    private MutableClock clock;
    private OAuthRealm realm;

    @BeforeEach
    void setUp(ApiClient api, MutableClock clock) {
        this.api = api;
        this.clock = clock;
        this.realm = bulkRealm();
    }

    private OAuthRealm bulkRealm() {
        return OAuthRealm.create(realms, apiKeys, clock, Map.of("require_date", "false", "allow_bulk_upload", "true"));
    }

    private ApiClient.Response upload(String token, String file, Map<String, String> more) {
        Map<String, String> headers = new HashMap<>(CSV);
        headers.putAll(more);
        return realm.call(api, "POST", "/bulk-issues", token, file, headers);
    }

    private ApiClient.Response call(String method, String rest, String token) {
        return realm.call(api, method, rest, token, null, Map.of());
    }

    private long stored(String table, OAuthRealm in) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE realm_id = ?")
                .param(in.id().value())
                .query(Long.class)
                .single();
    }

    private JsonNode awaitDone(String id) {
        String token = realm.token("CodeBulkIssue");
        return Waiting.until(
                "the bulk issue to finish",
                Duration.ofMinutes(2),
                () -> call("GET", "/bulk-issues/" + id, token).json().path("data"),
                bulk -> bulk.path("status").asString().equals("done"));
    }

    private static String file(int rows) {
        StringBuilder file = new StringBuilder("phone,testType,externalIssuerID\n");
        for (int i = 0; i < rows; i++) {
            file.append("+12065550100,confirmed,row-").append(i).append('\n');
        }
        return file.toString();
    }

    @Test
    void aFileIsIssuedOnceInTheCallersNameAndUploadingItAgainIssuesNothing() {
        String token = realm.tokenOf("county-hr", "CodeBulkIssue");

        ApiClient.Response accepted = upload(token, file(30), Map.of());

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        JsonNode created = accepted.json().path("data");
        String id = created.path("id").asString();
        assertThat(created.path("total_rows").asInt()).isEqualTo(30);
        JsonNode done = awaitDone(id);
        assertThat(done.path("issued").asInt()).isEqualTo(30);
        assertThat(done.path("failed").asInt()).isZero();
        assertThat(done.path("failed_lines").size()).isZero();
        assertThat(done.path("finished_at").asString()).endsWith("Z");
        assertThat(jdbc.sql("SELECT DISTINCT issuing_oauth_subject FROM verification_codes WHERE realm_id = ?")
                        .param(realm.id().value())
                        .query(String.class)
                        .list())
                .containsExactly("county-hr");

        ApiClient.Response again = upload(token, file(30), Map.of());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("data").path("id").asString()).isEqualTo(id);
        assertThat(stored("verification_codes", realm)).isEqualTo(30);

        ApiClient.Response results = call("GET", "/bulk-issues/" + id + "/results.csv", token);
        assertThat(results.status()).isEqualTo(200);
        assertThat(results.body().lines()).hasSize(31).first().isEqualTo("line,uuid,status,errorCode,error");
    }

    @Test
    void aReplayedUploadGivesTheFirstAnswer() {
        Map<String, String> idempotent = Map.of("Idempotency-Key", "bulk-" + UUID.randomUUID());
        String token = realm.token("CodeBulkIssue");

        ApiClient.Response first = upload(token, file(2), idempotent);
        ApiClient.Response again = upload(token, file(2), idempotent);

        assertThat(first.status()).as(first.body()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json()).isEqualTo(first.json());
        assertError(upload(token, file(3), idempotent), 422, "idempotency_key_reused", "Idempotency-Key");
        assertThat(stored("bulk_issues", realm)).isEqualTo(1);
    }

    @Test
    void aBulkIssueListsItsFailedLines() {
        String file = """
                phone,testType
                +12065550100,confirmed
                +12065550101,bogus
                +12065550102,likely
                +12065550103,bogus
                """;
        String id = upload(realm.token("CodeBulkIssue"), file, Map.of())
                .json()
                .path("data")
                .path("id")
                .asString();

        JsonNode done = awaitDone(id);

        assertThat(done.path("issued").asInt()).isEqualTo(2);
        assertThat(done.path("failed").asInt()).isEqualTo(2);
        assertThat(done.path("failed_lines").toString())
                .isEqualTo("[{\"line\":3,\"error_code\":\"invalid_test_type\"},"
                        + "{\"line\":5,\"error_code\":\"invalid_test_type\"}]");
    }

    @Test
    void theRealmsBulkIssuesArePagedNewestFirst() {
        String token = realm.token("CodeBulkIssue");
        List<String> ids = new ArrayList<>();
        for (int rows = 1; rows <= 3; rows++) {
            ids.add(upload(token, file(rows), Map.of())
                    .json()
                    .path("data")
                    .path("id")
                    .asString());
            clock.advance(Duration.ofSeconds(1));
        }

        ApiClient.Response first = call("GET", "/bulk-issues?limit=2", token);
        ApiClient.Response second = call("GET", "/bulk-issues?limit=2&page=2", token);

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().path("pagination").path("total_items").asLong()).isEqualTo(3);
        assertThat(first.json().path("data").get(0).path("id").asString()).isEqualTo(ids.get(2));
        assertThat(first.json().path("data").get(1).path("id").asString()).isEqualTo(ids.get(1));
        assertThat(first.json().path("data").get(0).has("failed_lines")).isFalse();
        assertThat(second.json().path("data").get(0).path("id").asString()).isEqualTo(ids.get(0));
        assertThat(call("GET", "/bulk-issues?sort=created_at&limit=1", token)
                        .json()
                        .path("data")
                        .get(0)
                        .path("id")
                        .asString())
                .isEqualTo(ids.get(0));
    }

    @Test
    void bulkIssuingTakesCodeBulkIssue() {
        String token = realm.token("CodeIssue", "CodeRead");

        assertError(upload(token, file(1), Map.of()), 403, "insufficient_scope", null);
        assertError(call("GET", "/bulk-issues", token), 403, "insufficient_scope", null);
        assertThat(stored("bulk_issues", realm)).isZero();
    }

    @Test
    void anotherRealmsTokenAndBulkIssuesAreRefused() {
        OAuthRealm other = bulkRealm();
        String foreign = other.call(api, "POST", "/bulk-issues", other.token("CodeBulkIssue"), file(1), CSV)
                .json()
                .path("data")
                .path("id")
                .asString();
        String token = realm.token("CodeBulkIssue");

        assertThat(api.request("GET", other.path("/bulk-issues/" + foreign), bearer(token), null)
                        .status())
                .isEqualTo(401);
        assertError(call("GET", "/bulk-issues/" + foreign, token), 404, "not_found", null);
        assertError(call("GET", "/bulk-issues/" + foreign + "/results.csv", token), 404, "not_found", null);
        assertThat(call("GET", "/bulk-issues", token).json().path("data").size())
                .isZero();
    }

    @Test
    void badFilesAreRefusedInTheEnvelopeAndStoreNothing() {
        String token = realm.token("CodeBulkIssue");

        assertError(upload(token, "phone,testType\n", Map.of()), 400, "unparsable_request", "file");
        assertError(
                upload(token, "phone,testType,color\n+12065550100,confirmed,red\n", Map.of()),
                400,
                "unparsable_request",
                "file");
        assertError(upload(token, "testType\nconfirmed\n", Map.of()), 400, "unparsable_request", "file");
        assertError(
                upload(token, "{\"phone\":\"+12065550100\"}", Map.of("Content-Type", "application/json")),
                400,
                "unparsable_request",
                null);
        assertError(call("GET", "/bulk-issues/not-a-uuid", token), 404, "not_found", null);
        assertError(call("GET", "/bulk-issues/" + UUID.randomUUID(), token), 404, "not_found", null);
        assertError(call("GET", "/bulk-issues?sort=file_name", token), 400, "unparsable_request", "sort");

        OAuthRealm closed = OAuthRealm.create(realms, apiKeys, clock);
        assertError(
                closed.call(api, "POST", "/bulk-issues", closed.token("CodeBulkIssue"), file(1), CSV),
                400,
                "bulk_disabled",
                null);
        assertThat(stored("bulk_issues", realm)).isZero();
        assertThat(stored("bulk_issues", closed)).isZero();
        assertThat(stored("verification_codes", realm)).isZero();
    }
}
