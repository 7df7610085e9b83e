package org.enverify.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.enverify.account.Memberships;
import org.enverify.account.User;
import org.enverify.account.Users;
import org.enverify.apikey.ApiKeyType;
import org.enverify.apikey.ApiKeys;
import org.enverify.platform.Actor;
import org.enverify.realm.Permission;
import org.enverify.realm.RealmId;
import org.enverify.realm.Realms;
import org.enverify.support.ApiClient;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The stats API against a scripted sequence of issues, claims and certificates whose counts are
 * known in advance: JSON and CSV, zero-filled days, keys, realm isolation, and concurrency.
 */
@EnverifyIntegrationTest
class StatsApiIntegrationTests {

    private static final Pattern LONG_CODE = Pattern.compile("code: ([a-z0-9]+) Expires");
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private static final List<String> REALM_FIELDS = List.of(
            "codes_issued",
            "codes_claimed",
            "codes_invalid",
            "codes_invalid_by_os",
            "user_reports_issued",
            "user_reports_claimed",
            "user_reports_invalid_nonce",
            "user_reports_invalid_nonce_by_os",
            "tokens_claimed",
            "tokens_invalid",
            "user_report_tokens_claimed",
            "code_claim_mean_age_seconds",
            "code_claim_age_distribution");

    private static final List<String> KEY_FIELDS =
            List.of("codes_issued", "codes_claimed", "codes_invalid", "tokens_claimed", "tokens_invalid");

    private static final List<String> ROUTES = List.of(
            "/api/stats/realm.json",
            "/api/stats/realm.csv",
            "/api/stats/realm/users.json",
            "/api/stats/realm/users.csv",
            "/api/stats/realm/external-issuers.json",
            "/api/stats/realm/external-issuers.csv",
            "/api/stats/realm/sms-errors.json",
            "/api/stats/realm/sms-errors.csv",
            "/api/stats/realm/key-server.json",
            "/api/stats/realm/key-server.csv",
            "/api/stats/realm/composite.json",
            "/api/stats/realm/composite.csv");

    @LocalServerPort
    int port;

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    MutableClock clock;

    @Autowired
    Users users;

    @Autowired
    Memberships memberships;

    ApiClient api;

    /** What the statistics must say, by scope (a realm, a key, an issuer), day and field. */
    private final Map<String, Map<LocalDate, Map<String, Long>>> expected = new HashMap<>();

    @BeforeEach
    void setUp(ApiClient api) {
        this.api = api;
    }

    @Test
    void aScriptedSequenceIsCountedExactlyInJsonAndCsv() {
        TestRealm realm =
                TestRealm.create(realms, apiKeys, Map.of("require_date", "false", "allow_generated_sms", "true"));
        TestRealm other = TestRealm.create(realms, apiKeys);
        String admin2 = apiKeys.create(realm.id(), ApiKeyType.ADMIN, "Lab system #2", Actor.system())
                .key();
        String device2 = apiKeys.create(realm.id(), ApiKeyType.DEVICE, "second device", Actor.system())
                .key();
        long admin1Id = keyId(realm.adminKey(), ApiKeyType.ADMIN);
        long admin2Id = keyId(admin2, ApiKeyType.ADMIN);
        long device1Id = keyId(realm.deviceKey(), ApiKeyType.DEVICE);
        long device2Id = keyId(device2, ApiKeyType.DEVICE);
        long otherDeviceId = keyId(other.deviceKey(), ApiKeyType.DEVICE);
        clock.freeze();

        String c1 = issue(realm.adminKey(), admin1Id, realm.id(), "confirmed", "lab-a");
        String c2 = issue(realm.adminKey(), admin1Id, realm.id(), "confirmed", "lab-a");
        String c3 = issue(realm.adminKey(), admin1Id, realm.id(), "confirmed", "lab-b");
        String c4 = issue(realm.adminKey(), admin1Id, realm.id(), "confirmed", null);
        String c5 = issue(admin2, admin2Id, realm.id(), "confirmed", "lab-b");
        String c6 = issue(admin2, admin2Id, realm.id(), "likely", null);
        String c8 = issue(realm.adminKey(), admin1Id, realm.id(), "confirmed", "");
        JsonNode withPhone = api.post(
                        "/api/issue",
                        admin2,
                        Map.of("testType", "confirmed", "phone", "+12065550100", "onlyGenerateSMS", true))
                .json();
        count("realm:" + realm.id(), "codes_issued", 1);
        count("key:" + admin2Id, "codes_issued", 1);
        Matcher longCode = LONG_CODE.matcher(withPhone.path("generatedSMS").asString());
        assertThat(longCode.find()).isTrue();
        String c7 = longCode.group(1);
        assertThat(api.post("/api/issue", realm.adminKey(), Map.of("testType", "bogus"))
                        .errorCode())
                .isEqualTo("invalid_test_type"); // a refused issue is not counted

        assertThat(verify(realm.deviceKey(), c6, List.of("confirmed")).status()).isEqualTo(412);
        invalid(realm.id(), device1Id);

        clock.advance(Duration.ofSeconds(30));
        String token1 = claim(realm.deviceKey(), device1Id, realm.id(), c1, 30, 0);
        clock.advance(Duration.ofSeconds(150));
        String token2 = claim(device2, device2Id, realm.id(), c2, 180, 1);
        clock.advance(Duration.ofMinutes(7));
        String token3 = claim(realm.deviceKey(), device1Id, realm.id(), c3, 600, 2);
        assertThat(verify(realm.deviceKey(), "00000000", List.of()).errorCode()).isEqualTo("code_invalid");
        invalid(realm.id(), device1Id);
        assertThat(verify(device2, c3, List.of()).errorCode()).isEqualTo("code_invalid"); // a repeat: not counted
        clock.advance(Duration.ofMinutes(4));
        claim(device2, device2Id, realm.id(), c4, 840, 2);
        clock.advance(Duration.ofMinutes(2));
        assertThat(verify(realm.deviceKey(), c5, List.of()).errorCode()).isEqualTo("code_expired");
        invalid(realm.id(), device1Id);

        assertThat(certificate(realm.deviceKey(), token1, hmac()).status()).isEqualTo(200);
        count("realm:" + realm.id(), "tokens_claimed", 1);
        count("key:" + device1Id, "tokens_claimed", 1);
        assertThat(certificate(realm.deviceKey(), token1, hmac()).errorCode())
                .isEqualTo("token_expired"); // a repeat: not counted
        assertThat(certificate(device2, token2, "short").errorCode()).isEqualTo("hmac_invalid"); // not counted
        assertThat(certificate(device2, token2, hmac()).status()).isEqualTo(200);
        count("realm:" + realm.id(), "tokens_claimed", 1);
        count("key:" + device2Id, "tokens_claimed", 1);
        assertThat(certificate(other.deviceKey(), token3, hmac()).errorCode()).isEqualTo("token_expired");
        count("realm:" + other.id(), "tokens_invalid", 1);
        count("key:" + otherDeviceId, "tokens_invalid", 1);
        assertThat(verify(other.deviceKey(), c8, List.of()).errorCode()).isEqualTo("code_invalid");
        invalid(other.id(), otherDeviceId);

        clock.advance(Duration.ofMinutes(284)); // 5 hours after the issues
        claim(realm.deviceKey(), device1Id, realm.id(), c7, 5 * 3600, 7);

        JsonNode realmJson = getJson("/api/stats/realm.json", realm.statsKey());
        assertThat(realmJson.path("realm_id").asLong()).isEqualTo(realm.id().value());
        assertRealmDays(realmJson.path("statistics"), "realm:" + realm.id());
        assertRealmCsvMatchesJson(api.get("/api/stats/realm.csv", realm.statsKey()), realmJson.path("statistics"));
        assertRealmDays(getJson("/api/stats/realm.json", other.statsKey()).path("statistics"), "realm:" + other.id());

        for (long keyId :
                List.of(admin1Id, admin2Id, device1Id, device2Id, keyId(realm.statsKey(), ApiKeyType.STATS))) {
            JsonNode keyJson = getJson("/api/stats/realm/api-keys/" + keyId + ".json", realm.statsKey());
            assertThat(keyJson.path("authorized_app_id").asLong()).isEqualTo(keyId);
            assertKeyDays(keyJson.path("statistics"), "key:" + keyId);
        }
        JsonNode admin2Json = getJson("/api/stats/realm/api-keys/" + admin2Id + ".json", realm.statsKey());
        assertThat(admin2Json.path("authorized_app_name").asString()).isEqualTo("Lab system #2");
        assertThat(admin2Json.path("authorized_app_type").asString()).isEqualTo("admin");
        ApiClient.Response admin2Csv = api.get("/api/stats/realm/api-keys/" + admin2Id + ".csv", realm.statsKey());
        assertAttachment(admin2Csv, "lab-system-2");
        assertThat(admin2Csv.header("Content-Disposition"))
                .isEqualTo("attachment; filename=" + FILE_TIME.format(clock.instant()) + "-lab-system-2.csv");
        List<CSVRecord> admin2Rows = parse(admin2Csv.body(), StatsCsvHeaders.API_KEY);
        assertThat(admin2Rows).hasSize(Statistics.DAYS);
        for (int i = 0; i < Statistics.DAYS; i++) {
            CSVRecord row = admin2Rows.get(i);
            JsonNode day = admin2Json.path("statistics").get(i);
            assertThat(row.get("date") + "T00:00:00Z")
                    .isEqualTo(day.path("date").asString());
            assertThat(row.get("authorized_app_id")).isEqualTo(Long.toString(admin2Id));
            assertThat(row.get("authorized_app_name")).isEqualTo("Lab system #2");
            assertThat(row.get("authorized_app_type")).isEqualTo("admin");
            for (String field : KEY_FIELDS) {
                assertThat(row.get(field))
                        .isEqualTo(day.path("data").path(field).asString());
            }
        }

        JsonNode issuersJson = getJson("/api/stats/realm/external-issuers.json", realm.statsKey());
        assertThat(issuersJson.path("realm_id").asLong()).isEqualTo(realm.id().value());
        JsonNode issuerDays = issuersJson.path("statistics");
        assertThat(issuerDays).hasSize(Statistics.DAYS);
        List<LocalDate> days = windowEndingToday();
        for (int i = 0; i < Statistics.DAYS; i++) {
            JsonNode day = issuerDays.get(i);
            assertThat(day.path("date").asString()).isEqualTo(days.get(i) + "T00:00:00Z");
            assertThat(day.path("issuer_data")
                            .valueStream()
                            .map(issuer -> issuer.path("issuer_id").asString())
                            .toList())
                    .containsExactly("lab-a", "lab-b");
            for (JsonNode issuer : day.path("issuer_data")) {
                assertThat(issuer.path("codes_issued").asLong())
                        .as("%s on %s", issuer.path("issuer_id").asString(), days.get(i))
                        .isEqualTo(
                                expected("issuer:" + issuer.path("issuer_id").asString(), days.get(i), "codes_issued"));
            }
        }
        ApiClient.Response issuersCsv = api.get("/api/stats/realm/external-issuers.csv", realm.statsKey());
        assertAttachment(issuersCsv, "external-issuer-stats");
        List<CSVRecord> issuerRows = parse(issuersCsv.body(), StatsCsvHeaders.EXTERNAL_ISSUERS);
        assertThat(issuerRows).hasSize(2 * Statistics.DAYS);
        for (CSVRecord row : issuerRows) {
            assertThat(row.get("realm_id")).isEqualTo(realm.id().toString());
            assertThat(Long.parseLong(row.get("codes_issued")))
                    .isEqualTo(expected(
                            "issuer:" + row.get("issuer_id"), LocalDate.parse(row.get("date")), "codes_issued"));
        }
    }

    @Test
    void aRealmWithoutActivityHasNinetyZeroDays(TestRealm realm) {
        JsonNode realmJson = getJson("/api/stats/realm.json", realm.statsKey());
        assertRealmDays(realmJson.path("statistics"), "realm:" + realm.id());
        JsonNode first = realmJson.path("statistics").get(0).path("data");
        assertThat(first.path("code_claim_age_distribution").isArray()).isTrue();
        assertThat(first.path("code_claim_age_distribution")).isEmpty();
        assertThat(first.path("codes_invalid_by_os").path("unknown_os").isNumber())
                .isTrue();
        assertRealmCsvMatchesJson(api.get("/api/stats/realm.csv", realm.statsKey()), realmJson.path("statistics"));

        long adminId = keyId(realm.adminKey(), ApiKeyType.ADMIN);
        assertKeyDays(
                getJson("/api/stats/realm/api-keys/" + adminId + ".json", realm.statsKey())
                        .path("statistics"),
                "key:" + adminId);

        assertThat(api.get("/api/stats/realm/external-issuers.json", realm.statsKey())
                        .body())
                .isEqualTo("{}");
        ApiClient.Response csv = api.get("/api/stats/realm/external-issuers.csv", realm.statsKey());
        assertAttachment(csv, "external-issuer-stats");
        assertThat(csv.body()).isEmpty();
    }

    @Test
    @Tag("security")
    void anIssuerThatLooksLikeAFormulaIsWrittenAsTextInTheCsv() {
        TestRealm realm = TestRealm.create(realms, apiKeys, Map.of("require_date", "false"));
        String formula = "=HYPERLINK(\"https://attacker.example/\",\"open\")";
        issue(realm.adminKey(), keyId(realm.adminKey(), ApiKeyType.ADMIN), realm.id(), "confirmed", formula);
        issue(realm.adminKey(), keyId(realm.adminKey(), ApiKeyType.ADMIN), realm.id(), "confirmed", "lab-a");

        ApiClient.Response csv = api.get("/api/stats/realm/external-issuers.csv", realm.statsKey());

        List<CSVRecord> rows = parse(csv.body(), StatsCsvHeaders.EXTERNAL_ISSUERS);
        assertThat(rows).extracting(row -> row.get("issuer_id")).containsOnly("'" + formula, "lab-a");
        assertThat(csv.body()).doesNotContain(",\"=HYPERLINK").contains(",lab-a,1\n");
    }

    @Test
    void onlyAStatsKeyOfAnEnabledKeyOpensTheStatsApi(TestRealm realm) {
        var disabled = apiKeys.create(realm.id(), ApiKeyType.STATS, "old stats", Actor.system());
        apiKeys.disable(disabled.summary().realm(), disabled.summary().id(), Actor.system());
        long adminId = keyId(realm.adminKey(), ApiKeyType.ADMIN);
        long memberId = TestUsers.member(users, memberships, realm.id(), Set.of(Permission.CODE_ISSUE))
                .id();
        List<String> routes = new ArrayList<>(ROUTES);
        routes.add("/api/stats/realm/api-keys/" + adminId + ".json");
        routes.add("/api/stats/realm/api-keys/" + adminId + ".csv");
        routes.add("/api/stats/realm/users/" + memberId + ".json");
        routes.add("/api/stats/realm/users/" + memberId + ".csv");

        for (String route : routes) {
            for (String key : Arrays.asList(realm.adminKey(), realm.deviceKey(), null, disabled.key())) {
                assertUnauthorized(api.get(route, key));
            }
            assertThat(api.get(route, realm.statsKey()).status()).as(route).isEqualTo(200);
            assertThat(api.post(route, realm.statsKey(), "{}").status())
                    .as(route)
                    .isEqualTo(405);
        }
    }

    @Test
    void aRealmsStatisticsAreNeverVisibleWithAnotherRealmsKey(TestRealm a, TestRealm b) {
        long aAdmin = keyId(a.adminKey(), ApiKeyType.ADMIN);
        String code = issue(a.adminKey(), aAdmin, a.id(), "confirmed", "lab-a");
        assertThat(verify(a.deviceKey(), code, List.of()).status()).isEqualTo(200);

        assertThat(sum(getJson("/api/stats/realm.json", a.statsKey()), "codes_issued"))
                .isEqualTo(1);
        assertThat(sum(getJson("/api/stats/realm.json", b.statsKey()), "codes_issued"))
                .isZero();
        assertThat(sum(getJson("/api/stats/realm.json", b.statsKey()), "codes_claimed"))
                .isZero();
        assertThat(getJson("/api/stats/realm.json", b.statsKey())
                        .path("realm_id")
                        .asLong())
                .isEqualTo(b.id().value());
        assertThat(api.get("/api/stats/realm/external-issuers.json", b.statsKey())
                        .body())
                .isEqualTo("{}");

        // a key of another realm looks exactly like a key that never existed
        ApiClient.Response foreign = api.get("/api/stats/realm/api-keys/" + aAdmin + ".json", b.statsKey());
        ApiClient.Response unknown = api.get("/api/stats/realm/api-keys/999999999999.json", b.statsKey());
        assertUnauthorized(foreign);
        assertUnauthorized(unknown);
        assertThat(foreign.body()).isEqualTo(unknown.body());
        assertUnauthorized(api.get("/api/stats/realm/api-keys/" + aAdmin + ".csv", b.statsKey()));
        assertUnauthorized(api.get("/api/stats/realm/api-keys/not-a-number.json", b.statsKey()));
        assertUnauthorized(api.get("/api/stats/realm/api-keys/0.json", b.statsKey()));
        assertThat(api.get("/api/stats/realm/api-keys/" + aAdmin + ".json", a.statsKey())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aUserIdThatIsNoMemberOfTheRealmIsNotFoundAndNeverAServerError(TestRealm a, TestRealm b) {
        User member = TestUsers.member(users, memberships, a.id(), Set.of(Permission.STATS_READ));
        User stranger = users.create("stranger-" + UUID.randomUUID() + "@example.org", "Stranger", false);
        assertThat(api.get("/api/stats/realm/users/" + member.id() + ".json", a.statsKey())
                        .status())
                .isEqualTo(200);

        List<String> ids = List.of(
                Long.toString(member.id()), // a member of another realm
                Long.toString(stranger.id()), // a user of no realm
                "999999999999",
                "0",
                "-1",
                "1.5",
                "1e3",
                "abc",
                "%20",
                "99999999999999999999",
                "0x1F");
        for (String id : ids) {
            for (String format : List.of("json", "csv")) {
                ApiClient.Response response = api.get("/api/stats/realm/users/" + id + "." + format, b.statsKey());
                assertThat(response.status()).as(id).isEqualTo(404);
                assertThat(response.header("Content-Type")).as(id).startsWith("application/json");
                assertThat(response.errorCode()).as(id).isEqualTo("not_found");
                assertThat(response.json().path("error").asString()).isEqualTo("the realm has no user with this id");
            }
        }
        for (String path : List.of(
                "/api/stats/realm/nope.json",
                "/api/stats/realm.xml",
                "/api/stats/realm/users.xml",
                "/api/stats/realm/users/" + member.id() + ".xml",
                "/api/stats/realm/api-keys/1.txt")) {
            assertThat(api.get(path, a.statsKey()).status()).as(path).isEqualTo(404);
        }
    }

    @Test
    void withoutKeyServerStatisticsTheCompositeViewDropsTheNewestDaysWithoutActivity(TestRealm realm) {
        clock.freeze();
        issue(realm.adminKey(), keyId(realm.adminKey(), ApiKeyType.ADMIN), realm.id(), "confirmed", null);
        LocalDate active = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        clock.advance(Duration.ofDays(5));

        JsonNode composite = getJson("/api/stats/realm/composite.json", realm.statsKey());

        assertThat(composite.path("has_key_server_stats").asBoolean()).isFalse();
        JsonNode days = composite.path("statistics");
        assertThat(days).hasSize(Statistics.DAYS - 5);
        assertThat(days.get(0).path("date").asString()).isEqualTo(active + "T00:00:00Z");
        assertThat(days.get(days.size() - 1).path("date").asString())
                .isEqualTo(active.minusDays(Statistics.DAYS - 6) + "T00:00:00Z");
        JsonNode data = days.get(0).path("data");
        assertThat(data.path("codes_issued").asLong()).isEqualTo(1);
        assertThat(data.path("day").asString()).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(data.path("publish_requests").toString()).isEqualTo("{\"unknown\":0,\"android\":0,\"ios\":0}");
        assertThat(data.path("tek_age_distribution").isNull()).isTrue();
        assertThat(data.path("onset_to_upload_distribution").isNull()).isTrue();
        assertThat(data.path("total_publish_requests").asLong()).isZero();
        List<String> fields = new ArrayList<>(REALM_FIELDS);
        fields.addAll(List.of(
                "day",
                "publish_requests",
                "total_teks_published",
                "requests_with_revisions",
                "tek_age_distribution",
                "onset_to_upload_distribution",
                "requests_missing_onset_date",
                "total_publish_requests"));
        assertThat(data.propertyNames()).containsExactlyElementsOf(fields);

        ApiClient.Response csv = api.get("/api/stats/realm/composite.csv", realm.statsKey());
        assertAttachment(csv, "composite-stats");
        List<CSVRecord> rows = parse(csv.body(), StatsCsvHeaders.COMPOSITE);
        assertThat(rows).hasSize(Statistics.DAYS - 5);
        assertThat(rows.getFirst().get("date")).isEqualTo(active.toString());
        assertThat(rows.getFirst().get("codes_issued")).isEqualTo("1");
        assertThat(rows.getFirst().get("publish_requests_unknown")).isEmpty();
        assertThat(rows.getFirst().get("onset_to_upload_distribution")).isEmpty();
        assertThat(rows.getFirst().get("user_reports_issued")).isEqualTo("0");
    }

    @Test
    void twoHundredParallelIssuesAndVerifiesLoseNoCount(TestRealm realm) throws Exception {
        String admin2 = apiKeys.create(realm.id(), ApiKeyType.ADMIN, "admin 2", Actor.system())
                .key();
        String device2 = apiKeys.create(realm.id(), ApiKeyType.DEVICE, "device 2", Actor.system())
                .key();
        List<String> admins = List.of(realm.adminKey(), admin2);
        List<String> devices = List.of(realm.deviceKey(), device2);
        record Outcome(String admin, String issuer, boolean issued, String device, boolean claimed) {}

        List<Callable<Outcome>> work = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String admin = admins.get(i % 2);
            String device = devices.get(i / 2 % 2);
            String issuer = "issuer-" + i % 3;
            work.add(() -> {
                ApiClient client = new ApiClient(port);
                ApiClient.Response issued =
                        client.post("/api/issue", admin, Map.of("testType", "confirmed", "externalIssuerID", issuer));
                if (issued.status() != 200) {
                    return new Outcome(admin, issuer, false, device, false);
                }
                ApiClient.Response verified = client.post(
                        "/api/verify",
                        device,
                        Map.of("code", issued.json().path("code").asString()));
                return new Outcome(admin, issuer, true, device, verified.status() == 200);
            });
        }
        List<Outcome> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<Outcome> outcome : pool.invokeAll(work)) {
                outcomes.add(outcome.get());
            }
        }

        long issued = outcomes.stream().filter(Outcome::issued).count();
        long claimed = outcomes.stream().filter(Outcome::claimed).count();
        assertThat(issued).isPositive();
        assertThat(claimed).isPositive();
        JsonNode realmJson = getJson("/api/stats/realm.json", realm.statsKey());
        assertThat(sum(realmJson, "codes_issued")).isEqualTo(issued);
        assertThat(sum(realmJson, "codes_claimed")).isEqualTo(claimed);
        assertThat(sum(realmJson, "codes_invalid")).isEqualTo(issued - claimed);
        assertThat(realmJson
                        .path("statistics")
                        .valueStream()
                        .mapToLong(day -> day.path("data")
                                .path("code_claim_age_distribution")
                                .valueStream()
                                .mapToLong(JsonNode::asLong)
                                .sum())
                        .sum())
                .isEqualTo(claimed);
        for (String admin : admins) {
            JsonNode keyJson =
                    getJson("/api/stats/realm/api-keys/" + keyId(admin, ApiKeyType.ADMIN) + ".json", realm.statsKey());
            assertThat(sum(keyJson, "codes_issued"))
                    .isEqualTo(outcomes.stream()
                            .filter(o -> o.issued() && o.admin().equals(admin))
                            .count());
        }
        for (String device : devices) {
            JsonNode keyJson = getJson(
                    "/api/stats/realm/api-keys/" + keyId(device, ApiKeyType.DEVICE) + ".json", realm.statsKey());
            assertThat(sum(keyJson, "codes_claimed"))
                    .isEqualTo(outcomes.stream()
                            .filter(o -> o.claimed() && o.device().equals(device))
                            .count());
        }
        Map<String, Long> byIssuer = outcomes.stream()
                .filter(Outcome::issued)
                .collect(Collectors.groupingBy(Outcome::issuer, Collectors.counting()));
        Map<String, Long> counted = new HashMap<>();
        for (JsonNode day : getJson("/api/stats/realm/external-issuers.json", realm.statsKey())
                .path("statistics")) {
            for (JsonNode issuer : day.path("issuer_data")) {
                counted.merge(
                        issuer.path("issuer_id").asString(),
                        issuer.path("codes_issued").asLong(),
                        Long::sum);
            }
        }
        assertThat(counted).isEqualTo(byIssuer);
    }

    // ---------------------------------------------------------------- script steps

    private String issue(String adminKey, long adminId, RealmId realm, String testType, String externalIssuer) {
        Map<String, Object> body = new HashMap<>(Map.of("testType", testType));
        if (externalIssuer != null) {
            body.put("externalIssuerID", externalIssuer);
        }
        ApiClient.Response issued = api.post("/api/issue", adminKey, body);
        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
        count("realm:" + realm, "codes_issued", 1);
        count("key:" + adminId, "codes_issued", 1);
        if (externalIssuer != null && !externalIssuer.isEmpty()) {
            count("issuer:" + externalIssuer, "codes_issued", 1);
        }
        return issued.json().path("code").asString();
    }

    /** Verifies a code the clock says is {@code ageSeconds} old, which puts it in {@code bucket}. */
    private String claim(String deviceKey, long deviceId, RealmId realm, String code, long ageSeconds, int bucket) {
        ApiClient.Response verified = verify(deviceKey, code, List.of());
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        count("realm:" + realm, "codes_claimed", 1);
        count("realm:" + realm, "age_sum", ageSeconds);
        count("realm:" + realm, "bucket" + bucket, 1);
        count("key:" + deviceId, "codes_claimed", 1);
        return verified.json().path("token").asString();
    }

    private void invalid(RealmId realm, long deviceId) {
        count("realm:" + realm, "codes_invalid", 1);
        count("key:" + deviceId, "codes_invalid", 1);
    }

    private ApiClient.Response verify(String deviceKey, String code, List<String> accept) {
        return api.post("/api/verify", deviceKey, Map.of("code", code, "accept", accept));
    }

    private ApiClient.Response certificate(String deviceKey, String token, String ekeyhmac) {
        return api.post("/api/certificate", deviceKey, Map.of("token", token, "ekeyhmac", ekeyhmac));
    }

    private static String hmac() {
        return Base64.getEncoder().encodeToString(new byte[32]);
    }

    private void count(String scope, String field, long amount) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        expected.computeIfAbsent(scope, s -> new HashMap<>())
                .computeIfAbsent(today, d -> new HashMap<>())
                .merge(field, amount, Long::sum);
    }

    private long expected(String scope, LocalDate day, String field) {
        return expected.getOrDefault(scope, Map.of())
                .getOrDefault(day, Map.of())
                .getOrDefault(field, 0L);
    }

    // ---------------------------------------------------------------- assertions

    private void assertRealmDays(JsonNode statistics, String scope) {
        List<LocalDate> days = windowEndingToday();
        assertThat(statistics).hasSize(Statistics.DAYS);
        for (int i = 0; i < Statistics.DAYS; i++) {
            LocalDate day = days.get(i);
            JsonNode entry = statistics.get(i);
            assertThat(entry.path("date").asString()).isEqualTo(day + "T00:00:00Z");
            JsonNode data = entry.path("data");
            assertThat(data.propertyNames()).containsExactlyElementsOf(REALM_FIELDS);
            for (String field :
                    List.of("codes_issued", "codes_claimed", "codes_invalid", "tokens_claimed", "tokens_invalid")) {
                assertThat(data.path(field).asLong())
                        .as("%s %s on %s", scope, field, day)
                        .isEqualTo(expected(scope, day, field));
            }
            long claimed = expected(scope, day, "codes_claimed");
            assertThat(data.path("code_claim_mean_age_seconds").asLong())
                    .as("%s mean age on %s", scope, day)
                    .isEqualTo(claimed == 0 ? 0 : expected(scope, day, "age_sum") / claimed);
            assertThat(data.path("code_claim_age_distribution")
                            .valueStream()
                            .map(JsonNode::asLong)
                            .toList())
                    .as("%s claim ages on %s", scope, day)
                    .isEqualTo(
                            claimed == 0
                                    ? List.of()
                                    : IntStream.range(0, 11)
                                            .mapToObj(bucket -> expected(scope, day, "bucket" + bucket))
                                            .toList());
            for (String zero : List.of(
                    "user_reports_issued",
                    "user_reports_claimed",
                    "user_reports_invalid_nonce",
                    "user_report_tokens_claimed")) {
                assertThat(data.path(zero).isNumber() && data.path(zero).asLong() == 0)
                        .as(zero)
                        .isTrue();
            }
            for (String byOs : List.of("codes_invalid_by_os", "user_reports_invalid_nonce_by_os")) {
                assertThat(data.path(byOs).propertyNames()).containsExactly("unknown_os", "ios", "android");
            }
            // the test's HTTP client says nothing of an operating system
            assertThat(data.path("codes_invalid_by_os").valueStream().map(JsonNode::asLong))
                    .containsExactly(expected(scope, day, "codes_invalid"), 0L, 0L);
            assertThat(data.path("user_reports_invalid_nonce_by_os")
                            .valueStream()
                            .map(JsonNode::asLong))
                    .containsOnly(0L);
        }
    }

    private void assertKeyDays(JsonNode statistics, String scope) {
        List<LocalDate> days = windowEndingToday();
        assertThat(statistics).hasSize(Statistics.DAYS);
        for (int i = 0; i < Statistics.DAYS; i++) {
            LocalDate day = days.get(i);
            assertThat(statistics.get(i).path("date").asString()).isEqualTo(day + "T00:00:00Z");
            JsonNode data = statistics.get(i).path("data");
            assertThat(data.propertyNames()).containsExactlyElementsOf(KEY_FIELDS);
            for (String field : KEY_FIELDS) {
                assertThat(data.path(field).asLong())
                        .as("%s %s on %s", scope, field, day)
                        .isEqualTo(expected(scope, day, field));
            }
        }
    }

    private void assertRealmCsvMatchesJson(ApiClient.Response csv, JsonNode statistics) {
        assertAttachment(csv, "realm-stats");
        List<CSVRecord> rows = parse(csv.body(), StatsCsvHeaders.REALM);
        assertThat(rows).hasSize(Statistics.DAYS);
        for (int i = 0; i < Statistics.DAYS; i++) {
            CSVRecord row = rows.get(i);
            JsonNode day = statistics.get(i);
            JsonNode data = day.path("data");
            assertThat(row.get("date") + "T00:00:00Z")
                    .isEqualTo(day.path("date").asString());
            for (String field : List.of(
                    "codes_issued",
                    "codes_claimed",
                    "codes_invalid",
                    "tokens_claimed",
                    "tokens_invalid",
                    "code_claim_mean_age_seconds")) {
                assertThat(row.get(field)).as(field).isEqualTo(data.path(field).asString());
            }
            assertThat(row.get("code_claim_age_distribution"))
                    .isEqualTo(data.path("code_claim_age_distribution")
                            .valueStream()
                            .map(JsonNode::asString)
                            .collect(Collectors.joining("|")));
            assertThat(row.get("codes_invalid_unknown_os"))
                    .isEqualTo(data.path("codes_invalid").asString());
            for (String zero : StatsCsvHeaders.REALM.subList(8, StatsCsvHeaders.REALM.size())) {
                if (!zero.equals("codes_invalid_unknown_os")) {
                    assertThat(row.get(zero)).as(zero).isEqualTo("0");
                }
            }
        }
    }

    private void assertAttachment(ApiClient.Response csv, String name) {
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition"))
                .matches("attachment; filename=\\d{14}-" + Pattern.quote(name) + "\\.csv");
        assertThat(csv.body()).doesNotContain("\r");
    }

    private static void assertUnauthorized(ApiClient.Response response) {
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.errorCode()).isEqualTo("unauthorized");
    }

    // ---------------------------------------------------------------- helpers

    /** Parses a CSV file that must start with exactly {@code header}; returns the rows after it. */
    private static List<CSVRecord> parse(String body, List<String> header) {
        try (CSVParser parser = CSVParser.parse(
                new StringReader(body),
                CSVFormat.DEFAULT
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get())) {
            assertThat(parser.getHeaderNames()).containsExactlyElementsOf(header);
            return StreamSupport.stream(parser.spliterator(), false).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document, which must also decode in upstream's own type for it. */
    private JsonNode getJson(String path, String statsKey) {
        ApiClient.Response response = api.get(path, statsKey);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        UpstreamStatsTypes.decode(response.body(), upstreamType(path));
        return response.json();
    }

    private static Class<?> upstreamType(String path) {
        if (path.contains("/api-keys/")) {
            return UpstreamStatsTypes.JsonAuthorizedAppStat.class;
        }
        if (path.contains("/external-issuers")) {
            return UpstreamStatsTypes.JsonExternalIssuerStat.class;
        }
        if (path.contains("/composite")) {
            return UpstreamStatsTypes.JsonCompositeStat.class;
        }
        return UpstreamStatsTypes.JsonRealmStat.class;
    }

    private static long sum(JsonNode stats, String field) {
        return stats.path("statistics")
                .valueStream()
                .mapToLong(day -> day.path("data").path(field).asLong())
                .sum();
    }

    private List<LocalDate> windowEndingToday() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return IntStream.range(0, Statistics.DAYS).mapToObj(today::minusDays).toList();
    }

    private long keyId(String key, ApiKeyType type) {
        return apiKeys.authenticate(key, type).orElseThrow().keyId();
    }
}
