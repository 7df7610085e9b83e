package org.enverify.code.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.enverify.apikey.ApiKeys;
import org.enverify.realm.Realms;
import org.enverify.support.ApiClient;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.TestRealm;
import org.enverify.support.Waiting;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Bulk issuing through the admin API, carried out by this process's worker role: our file with its header,
 * upstream's headerless one, and the files that are refused whole.
 */
@EnverifyIntegrationTest
class BulkIssueIntegrationTests {

    private static final int ROWS = 2_500;

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

    private String today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
    }

    private int status(TestRealm realm, String uuid) {
        return api.post("/api/checkcodestatus", realm.adminKey(), Map.of("uuid", uuid))
                .status();
    }

    private List<String> testTypes(TestRealm realm) {
        return jdbc.sql("SELECT test_type FROM verification_codes WHERE realm_id = ?")
                .param(realm.id().value())
                .query(String.class)
                .list();
    }

    /** No code, no bulk issue and no bulk row of the realm exists. */
    private void assertNothingStored(TestRealm realm) {
        assertThat(codes(realm)).isZero();
        for (String table : List.of("bulk_issues", "bulk_issue_rows")) {
            assertThat(jdbc.sql("SELECT count(*) FROM " + table + " WHERE realm_id = ?")
                            .param(realm.id().value())
                            .query(Long.class)
                            .single())
                    .as(table)
                    .isZero();
        }
    }

    private JsonNode awaitDone(TestRealm realm, String id) {
        return Waiting.until(
                "the bulk issue to finish",
                Duration.ofMinutes(5),
                () -> api.get("/api/v1/bulk-issues/" + id, realm.adminKey()).json(),
                status -> status.path("status").asString().equals("done"));
    }

    @Test
    void thousandsOfRowsAreIssuedOnceEvenWhenTheFileIsUploadedAgain() throws Exception {
        TestRealm realm = bulkRealm();
        // more rows than one insert (1,000) and one worker chunk (200) take; each row's SMS goes to the log
        StringBuilder file = new StringBuilder("phone,testType,externalIssuerID\n");
        for (int i = 0; i < ROWS; i++) {
            file.append("+12065550100,confirmed,row-").append(i).append('\n');
        }
        ApiClient.Response accepted = api.post("/api/v1/bulk-issues", realm.adminKey(), "text/csv", file.toString());
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String id = accepted.json().path("id").asString();
        assertThat(accepted.json().path("totalRows").asInt()).isEqualTo(ROWS);

        JsonNode done = awaitDone(realm, id);
        assertThat(done.path("issued").asInt()).isEqualTo(ROWS);
        assertThat(done.path("failed").asInt()).isZero();
        assertThat(codes(realm)).isEqualTo(ROWS);

        ApiClient.Response again = api.post("/api/v1/bulk-issues", realm.adminKey(), "text/csv", file.toString());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("id").asString()).isEqualTo(id);
        assertThat(codes(realm)).as("a re-upload issues nothing new").isEqualTo(ROWS);

        String results = api.get("/api/v1/bulk-issues/" + id + "/results.csv", realm.adminKey())
                .body();
        assertThat(results.lines()).hasSize(ROWS + 1).first().isEqualTo("line,uuid,status,errorCode,error");
        assertThat(results.lines().skip(1)).allMatch(line -> line.contains(",issued,"));
    }

    @Test
    void aRowThatBreaksAnIssuingRuleGetsItsOwnErrorAndTheOthersAreIssued() throws Exception {
        TestRealm realm = bulkRealm();
        String today = today();
        String file = """
                testType,symptomDate,phone
                confirmed,%s,+12065550100
                bogus,,+12065550101
                confirmed,2026-02-30,+12065550102
                negative,,(206) 555-0103
                """.formatted(today);
        String id = api.post("/api/v1/bulk-issues", realm.adminKey(), "text/csv", file)
                .json()
                .path("id")
                .asString();
        JsonNode done = awaitDone(realm, id);
        assertThat(done.path("issued").asInt()).isEqualTo(2);
        assertThat(done.path("failed").asInt()).isEqualTo(2);
        assertThat(codes(realm)).isEqualTo(2);
        String results = api.get("/api/v1/bulk-issues/" + id + "/results.csv", realm.adminKey())
                .body();
        assertThat(results).contains("3,", "invalid_test_type", "unparsable_request");
        assertThat(jdbc.sql("SELECT status FROM bulk_issue_rows WHERE realm_id = ? AND phone_ciphertext IS NOT NULL")
                        .param(realm.id().value())
                        .query(String.class)
                        .list())
                .as("an issued row's phone goes; a failed row keeps it for the retry file")
                .containsExactly("failed", "failed");
    }

    /** The headerless file of upstream's bulk-issue page, its result log included. */
    @Nested
    class UpstreamFormat {

        @Test
        void aHeaderlessFileIsReadByPositionAndIssuesItsRows() {
            TestRealm realm = bulkRealm();
            String today = today();
            String ownUuid = UUID.randomUUID().toString();
            String file = String.join(
                    "\n",
                    "+12065550101," + today,
                    "+12065550102," + today + "," + today + ",likely",
                    "",
                    "(206) 555-0103",
                    " +12065550104 , , , negative , , , "
                            + ownUuid.replace("-", "").toUpperCase(Locale.ROOT),
                    "");

            ApiClient.Response accepted = api.post("/api/v1/bulk-issues", realm.adminKey(), "text/csv", file);

            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            JsonNode done = awaitDone(realm, accepted.json().path("id").asString());
            assertThat(done.path("totalRows").asInt()).isEqualTo(4);
            assertThat(done.path("issued").asInt()).isEqualTo(4);
            assertThat(testTypes(realm)).containsExactlyInAnyOrder("confirmed", "likely", "confirmed", "negative");
            assertThat(api.post("/api/checkcodestatus", realm.adminKey(), Map.of("uuid", ownUuid))
                            .status())
                    .as("a line's own uuid names its code")
                    .isEqualTo(200);
            assertThat(jdbc.sql("SELECT test_date FROM verification_codes WHERE realm_id = ? AND test_type = 'likely'")
                            .param(realm.id().value())
                            .query(String.class)
                            .single())
                    .as("the second field is the test date")
                    .isEqualTo(today);
        }

        @Test
        void upstreamsResultLogCanBeUploadedAgainAndItsIssuedLinesAreSkipped() {
            TestRealm realm = bulkRealm();
            String today = today();
            String sent = UUID.randomUUID().toString();
            String failed = UUID.randomUUID().toString();
            String existed = UUID.randomUUID().toString();
            String log = String.join(
                    "\n",
                    "+12065550105," + today + ",,confirmed,,," + sent + ",success",
                    "+12065550106," + today + ",,confirmed,,," + failed
                            + ",sms_failure,failed to send sms: 400, the number is, for now, unreachable",
                    "+12065550107," + today + ",,confirmed,,," + existed + ",uuid_already_exists,code exists",
                    "");

            ApiClient.Response accepted = api.post("/api/v1/bulk-issues", realm.adminKey(), "text/csv", log);

            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            JsonNode done = awaitDone(realm, accepted.json().path("id").asString());
            assertThat(done.path("totalRows").asInt()).isEqualTo(1);
            assertThat(status(realm, failed))
                    .as("a failed line is issued again, under its uuid")
                    .isEqualTo(200);
            assertThat(status(realm, sent))
                    .as("a line the log marks success is skipped")
                    .isEqualTo(404);
            assertThat(status(realm, existed)).isEqualTo(404);
            assertThat(codes(realm)).isEqualTo(1);
        }
    }

    /** Every line needs a phone: a bulk code reaches its person by SMS only. */
    @Nested
    class Phones {

        @Test
        void aLineWithoutAPhoneRefusesTheFileNamingTheLineAndNothingIsStored() {
            TestRealm realm = bulkRealm();
            String today = today();

            ApiClient.Response headerless = api.post(
                    "/api/v1/bulk-issues",
                    realm.adminKey(),
                    "text/csv",
                    "+12065550101," + today + "\n," + today + "\n+12065550102\n");
            ApiClient.Response ours = api.post(
                    "/api/v1/bulk-issues",
                    realm.adminKey(),
                    "text/csv",
                    "phone,testType\n+12065550101,confirmed\n+12065550102,confirmed\n  ,confirmed\n");

            assertThat(headerless.status()).isEqualTo(400);
            assertThat(headerless.errorCode()).isEqualTo("unparsable_request");
            assertThat(headerless.json().path("error").asString()).contains("line 2: no phone number");
            assertThat(ours.errorCode()).isEqualTo("unparsable_request");
            assertThat(ours.json().path("error").asString()).contains("line 4: no phone number");
            assertNothingStored(realm);
        }

        @Test
        void ourHeaderMustNameAPhoneColumn() {
            TestRealm realm = bulkRealm();

            ApiClient.Response refused =
                    api.post("/api/v1/bulk-issues", realm.adminKey(), "text/csv", "testType\nconfirmed\n");

            assertThat(refused.errorCode()).isEqualTo("unparsable_request");
            assertThat(refused.json().path("error").asString()).contains("phone column");
            assertNothingStored(realm);
        }

        @Test
        void aPhoneTheRealmCannotSendToRefusesTheFile() {
            TestRealm realm = bulkRealm();

            ApiClient.Response refused = api.post(
                    "/api/v1/bulk-issues", realm.adminKey(), "text/csv", "colour\nblue\n+12065550101\n1-800-FLOWERS\n");

            assertThat(refused.json().path("error").asString())
                    .contains(
                            "3 lines cannot be issued",
                            "line 1: the phone number is not valid",
                            "line 2: the phone number is not valid",
                            "line 4: the phone number is not valid")
                    .doesNotContain("line 3");
            assertNothingStored(realm);
        }

        @Test
        void aRefusalCountsEveryBadLineAndNamesTheFirstTwenty() {
            TestRealm realm = bulkRealm();

            ApiClient.Response refused =
                    api.post("/api/v1/bulk-issues", realm.adminKey(), "text/csv", ",2026-11-20\n".repeat(30));

            String error = refused.json().path("error").asString();
            assertThat(error).contains("30 lines cannot be issued", "line 1:", "line 20:");
            assertThat(error).doesNotContain("line 21:");
            assertNothingStored(realm);
        }

        @Test
        void theTemplatesSampleLineHasAPhoneAndIsAccepted() {
            TestRealm realm = bulkRealm();

            String template = api.get("/api/v1/bulk-issues/template.csv", realm.adminKey())
                    .body();

            List<String> lines = template.lines().toList();
            assertThat(lines).hasSize(2);
            assertThat(lines.get(1)).startsWith("+");
            assertThat(api.post("/api/v1/bulk-issues", realm.adminKey(), "text/csv", template)
                            .status())
                    .isEqualTo(202);
        }
    }

    /** Files that are not what they should be are refused with the reason; nothing of them is stored. */
    @Nested
    class BrokenFiles {

        @Test
        void aLineWithTheWrongNumberOfFieldsIsNamed() {
            TestRealm realm = bulkRealm();

            ApiClient.Response ours = api.post(
                    "/api/v1/bulk-issues",
                    realm.adminKey(),
                    "text/csv",
                    "phone,testType\n+12065550101,confirmed\n+12065550102,confirmed,extra\n+12065550103\n");
            ApiClient.Response headerless = api.post(
                    "/api/v1/bulk-issues",
                    realm.adminKey(),
                    "text/csv",
                    "+12065550101,2026-11-20\n+12065550102,2026-11-20,,confirmed,,,,,,surplus\n");

            assertThat(ours.status()).isEqualTo(400);
            assertThat(ours.json().path("error").asString())
                    .contains(
                            "2 lines cannot be issued",
                            "line 3: the line has 3 fields, the header 2",
                            "line 4: the line has 1 fields, the header 2");
            assertThat(headerless.status()).isEqualTo(400);
            assertThat(headerless.json().path("error").asString())
                    .contains("line 2: the line has 10 fields; without a header a line has at most 9");
            assertNothingStored(realm);
        }

        @Test
        void aTenMegabyteFileOfLinesIsRefusedForItsLength() {
            TestRealm realm = bulkRealm();
            String file = "+12065550100,,,confirmed\n".repeat(10 * 1024 * 1024 / 25);

            ApiClient.Response refused = api.post("/api/v1/bulk-issues", realm.adminKey(), "text/csv", file);

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().path("error").asString()).contains("at most 100000 codes");
            assertNothingStored(realm);
        }

        @Test
        void tenMegabytesOfBinaryAreRefusedAsNotText() {
            TestRealm realm = bulkRealm();
            byte[] binary = new byte[10 * 1024 * 1024];
            new Random(16).nextBytes(binary);
            byte[] utf8WithNuls = new byte[10 * 1024 * 1024];
            Arrays.fill(utf8WithNuls, (byte) 'a');
            utf8WithNuls[5_000_000] = 0;

            ApiClient.Response random = api.post("/api/v1/bulk-issues", realm.adminKey(), "text/csv", binary);
            ApiClient.Response withNuls = api.post("/api/v1/bulk-issues", realm.adminKey(), "text/csv", utf8WithNuls);

            assertThat(random.status()).isEqualTo(400);
            assertThat(random.json().path("error").asString()).isEqualTo("the file is not UTF-8 text");
            assertThat(withNuls.status()).isEqualTo(400);
            assertThat(withNuls.json().path("error").asString()).contains("not a CSV text file");
            assertNothingStored(realm);
        }

        @Test
        void filesThatAreNotCsvOfCodesAreRefusedWhole() {
            TestRealm realm = bulkRealm();
            assertThat(api.post(
                                    "/api/v1/bulk-issues",
                                    realm.adminKey(),
                                    "text/csv",
                                    "phone,colour\n+12065550100,blue\n")
                            .json()
                            .path("error")
                            .asString())
                    .contains("unknown column 'colour'");
            assertThat(api.post(
                                    "/api/v1/bulk-issues",
                                    realm.adminKey(),
                                    "text/csv",
                                    "phone,testType,Phone\n+12065550100,confirmed,+12065550101\n")
                            .json()
                            .path("error")
                            .asString())
                    .isEqualTo("the header names phone twice");
            assertThat(api.post("/api/v1/bulk-issues", realm.adminKey(), "text/csv", "phone\n+12065550100\n")
                            .json()
                            .path("error")
                            .asString())
                    .contains("testType");
            assertThat(api.post("/api/v1/bulk-issues", realm.adminKey(), "text/csv", "phone,testType\n")
                            .status())
                    .isEqualTo(400);
            assertThat(api.post("/api/v1/bulk-issues", realm.adminKey(), "text/csv", "\n \n")
                            .status())
                    .isEqualTo(400);
            assertThat(api.post("/api/v1/bulk-issues", realm.adminKey(), "application/json", "{}")
                            .status())
                    .isEqualTo(400);
            // Just over the limit: a far larger body is not drained by Tomcat, which then drops the connection.
            ApiClient.Response huge = api.post(
                    "/api/v1/bulk-issues",
                    realm.adminKey(),
                    "text/csv",
                    "phone,testType\n" + "+12065550100,confirmed\n".repeat(912_000));
            assertThat(huge.status()).isEqualTo(413);
            assertNothingStored(realm);
        }
    }

    @Test
    void onlyTheRealmsAdminKeysReachItsBulkIssues() throws Exception {
        TestRealm realm = bulkRealm();
        TestRealm other = bulkRealm();
        TestRealm disabled = TestRealm.create(realms, apiKeys);
        String id = api.post("/api/v1/bulk-issues", realm.adminKey(), "text/csv", "+12065550100\n")
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
        assertThat(api.post("/api/v1/bulk-issues", disabled.adminKey(), "text/csv", "+12065550100\n")
                        .errorCode())
                .isEqualTo("bulk_disabled");
        assertThat(api.get("/api/v1/bulk-issues/template.csv", realm.adminKey()).body())
                .startsWith("phone,testType");
    }
}
