package org.enverify.chaff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.assertj.core.data.Offset;
import org.enverify.apikey.ApiKeyType;
import org.enverify.apikey.ApiKeys;
import org.enverify.apikey.CreatedApiKey;
import org.enverify.platform.Actor;
import org.enverify.realm.Realms;
import org.enverify.stats.RealmCounters;
import org.enverify.support.ApiClient;
import org.enverify.support.ApiClient.Response;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.TestRealm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chaff over real HTTP: a DEVICE key's {@code X-Chaff} request on the device API is answered with
 * padding as large as the endpoint's recent real responses, and does nothing but mark the realm's
 * chaff day. Latency imitation is left to {@link ResponseTrackerTests}: tests never assert on timing.
 */
@EnverifyIntegrationTest
class ChaffIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, String> CHAFF = Map.of("X-Chaff", "1");
    private static final String UNAUTHORIZED_BODY =
            "{\"error\":\"unauthorized\",\"errorCode\":\"unauthorized\",\"error_code\":\"unauthorized\"}";

    /** Tables chaff must leave exactly as they were, each with the column naming its realm. */
    private static final Map<String, String> REALM_TABLES = Map.of(
            "realms", "id",
            "api_keys", "realm_id",
            "verification_codes", "realm_id",
            "tokens", "realm_id",
            "realm_daily_counters", "realm_id",
            "realm_quota_days", "realm_id");

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    MutableClock clock;

    @Autowired
    RealmCounters counters;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;

    @BeforeEach
    void setUp(ApiClient api) {
        this.api = api;
        if (LocalTime.ofInstant(clock.instant(), ZoneOffset.UTC).isAfter(LocalTime.of(23, 58))) {
            // chaff days are UTC days; never let a test straddle midnight
            clock.advance(Duration.ofMinutes(5));
        }
    }

    // ---------------------------------------------------------------- the answer

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/verify", "/api/certificate", "/api/user-report"})
    void chaffIsAnsweredWithPaddingOnly(String path, TestRealm realm) {
        Response response = chaff(path, realm.deviceKey(), "{\"code\":\"12345678\"}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = response.json();
        assertThat(body.propertyNames()).containsExactly("padding");
        assertBase64(body.path("padding").asString());
    }

    /** A flushed answer would leave in chunks, framed unlike chaff on the wire, whatever the padding. */
    @Test
    void realAnswersAreFramedAsChaffIs(TestRealm realm) {
        Response chaff = chaff("/api/verify", realm.deviceKey(), "{}");
        Response refused = api.post("/api/verify", realm.deviceKey(), Map.of("code", "12345678"));
        Response verified = api.post("/api/verify", realm.deviceKey(), Map.of("code", issue(realm)));

        assertThat(List.of(chaff.status(), refused.status(), verified.status())).containsExactly(200, 400, 200);
        for (Response answer : List.of(chaff, refused, verified)) {
            assertThat(answer.header("Transfer-Encoding")).as(answer.body()).isNull();
            assertThat(answer.header("Content-Length")).isEqualTo(Integer.toString(bytes(answer)));
        }
    }

    @Test
    void chaffNeedsNoBodyAtAll(TestRealm realm) {
        Response response = api.post("/api/verify", realm.deviceKey(), null, "", CHAFF);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertBase64(response.json().path("padding").asString());
    }

    @Test
    void chaffIsSizedLikeTheRecentRealResponsesOfItsEndpoint() {
        // real responses whose size the test controls: the error names the unknown field
        List<Integer> verifySizes = real("/api/verify", i -> unknownField("code", i % 2 == 0 ? 100 : 900));
        List<Integer> certificateSizes = real("/api/certificate", i -> unknownField("token", 2500));
        TestRealm realm = realm();

        assertThat(chaffSize("/api/verify", realm)).isCloseTo(average(verifySizes), within());
        assertThat(chaffSize("/api/user-report", realm))
                .as("user reports look like verifies")
                .isCloseTo(average(verifySizes), within());
        assertThat(chaffSize("/api/certificate", realm)).isCloseTo(average(certificateSizes), within());
        assertThat(average(certificateSizes) - average(verifySizes)).isGreaterThan(1000);
    }

    @Test
    void refusalsOfUnknownKeysDoNotShapeChaff() {
        List<Integer> verifySizes = real("/api/verify", i -> unknownField("code", 1500));
        TestRealm realm = realm();

        for (int i = 0; i < 10; i++) {
            assertThat(api.post("/api/verify", null, "{\"code\":\"12345678\"}").status())
                    .isEqualTo(401);
        }

        assertThat(chaffSize("/api/verify", realm)).isCloseTo(average(verifySizes), within());
    }

    @Test
    void chaffWithAnEmptyHeaderIsARealRequest(TestRealm realm) {
        Response response = api.post(
                "/api/verify", realm.deviceKey(), "application/json", "{\"code\":\"12345678\"}", Map.of("X-Chaff", ""));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("code_invalid");
    }

    // ---------------------------------------------------------------- authentication

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/verify", "/api/certificate", "/api/user-report"})
    void chaffWithoutAValidDeviceKeyIsUnauthorized(String path, TestRealm realm) {
        CreatedApiKey disabled = apiKeys.create(realm.id(), ApiKeyType.DEVICE, "disabled", Actor.system());
        apiKeys.disable(disabled.summary().realm(), disabled.summary().id(), Actor.system());
        List<String> refusedKeys = new ArrayList<>();
        refusedKeys.add(null);
        refusedKeys.addAll(List.of("garbage", realm.adminKey(), realm.statsKey(), disabled.key()));

        for (String key : refusedKeys) {
            Response response = chaff(path, key, "{}");
            assertThat(response.status()).as("key %s", key).isEqualTo(401);
            assertThat(response.header("Content-Type")).isEqualTo("application/json");
            assertThat(response.json()).isEqualTo(JSON.readTree(UNAUTHORIZED_BODY));
        }
        assertThat(chaffDays(realm)).isEmpty();
    }

    @Test
    void chaffFromOutsideTheRealmsDeviceNetworksIsUnauthorized() {
        TestRealm realm = TestRealm.create(
                realms, apiKeys, Map.of("require_date", "false", "allowed_cidrs_device_api", "10.0.0.0/8"));

        Response response = chaff("/api/verify", realm.deviceKey(), "{}");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json()).isEqualTo(JSON.readTree(UNAUTHORIZED_BODY));
        assertThat(chaffDays(realm)).isEmpty();
    }

    // ---------------------------------------------------------------- nothing happens

    @Test
    void chaffChangesNothingButTheRealmsChaffDay(TestRealm realm) {
        String code = issue(realm);
        String token = verifyOk(realm, issue(realm)).path("token").asString();
        Map<String, String> before = snapshot(realm);

        for (int i = 0; i < 5; i++) {
            assertThat(chaff("/api/verify", realm.deviceKey(), "{\"code\":\"" + code + "\"}")
                            .status())
                    .isEqualTo(200);
            assertThat(chaff("/api/certificate", realm.deviceKey(), certificateBody(token))
                            .status())
                    .isEqualTo(200);
            assertThat(chaff("/api/user-report", realm.deviceKey(), "{\"phone\":\"+12065550123\"}")
                            .status())
                    .isEqualTo(200);
        }

        assertThat(snapshot(realm)).isEqualTo(before);
        assertThat(chaffDays(realm)).containsExactly(today());
    }

    @Test
    void chaffDoesNotClaimTheCodeOrSpendTheTokenItCarries(TestRealm realm) {
        String code = issue(realm);

        assertThat(chaff("/api/verify", realm.deviceKey(), "{\"code\":\"" + code + "\"}")
                        .status())
                .isEqualTo(200);
        String token = verifyOk(realm, code).path("token").asString();
        assertThat(chaff("/api/certificate", realm.deviceKey(), certificateBody(token))
                        .status())
                .isEqualTo(200);

        Response certificate = api.post("/api/certificate", realm.deviceKey(), certificateBody(token));
        assertThat(certificate.status()).as(certificate.body()).isEqualTo(200);
        assertThat(certificate.json().path("certificate").asString()).isNotEmpty();
    }

    @Test
    void aChaffDayIsRecordedOncePerRealmAndUtcDay(TestRealm realm, TestRealm quiet) {
        LocalDate today = today();

        for (int i = 0; i < 20; i++) {
            chaff(i % 2 == 0 ? "/api/verify" : "/api/certificate", realm.deviceKey(), "{}");
        }
        assertThat(chaffDays(realm)).containsExactly(today);
        assertThat(chaffDays(quiet)).isEmpty();

        jdbc.sql("DELETE FROM realm_chaff_events WHERE realm_id = ?")
                .param(realm.id().value())
                .update();
        chaff("/api/verify", realm.deviceKey(), "{}");
        assertThat(chaffDays(realm))
                .as("the process remembers that it recorded today, so it does not insert again")
                .isEmpty();

        clock.advance(Duration.ofDays(1));
        chaff("/api/verify", realm.deviceKey(), "{}");
        chaff("/api/user-report", realm.deviceKey(), "{}");
        assertThat(chaffDays(realm)).containsExactly(today.plusDays(1));
    }

    @Test
    void chaffOnTheAdminApiIsNotChaff(TestRealm realm) {
        Response response =
                api.post("/api/issue", realm.adminKey(), "application/json", "{\"testType\":\"confirmed\"}", CHAFF);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("code").asString()).matches("\\d{8}");
        assertThat(jdbc.sql("SELECT count(*) FROM verification_codes WHERE realm_id = ?")
                        .param(realm.id().value())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(chaffDays(realm)).isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    private TestRealm realm() {
        return TestRealm.create(realms, apiKeys);
    }

    private Response chaff(String path, String key, String body) {
        return api.post(path, key, "application/json", body, CHAFF);
    }

    private double chaffSize(String path, TestRealm realm) {
        Response response = chaff(path, realm.deviceKey(), "{}");
        assertThat(response.status()).isEqualTo(200);
        return bytes(response);
    }

    /**
     * Fills the endpoint's window with exactly its size of real responses, and returns their sizes.
     * A fresh realm every 50 requests keeps them below any per-realm rate limit.
     */
    private List<Integer> real(String path, IntFunction<String> body) {
        List<Integer> sizes = new ArrayList<>();
        TestRealm realm = null;
        for (int i = 0; i < ResponseTracker.WINDOW; i++) {
            if (i % 50 == 0) {
                realm = realm();
            }
            Response response = api.post(path, realm.deviceKey(), body.apply(i));
            assertThat(response.status()).as(response.body()).isEqualTo(400);
            sizes.add(bytes(response));
        }
        return sizes;
    }

    /** A body refused with an error that names its unknown field of {@code length} characters. */
    private static String unknownField(String field, int length) {
        return "{\"" + field + "\":\"x\",\"" + "f".repeat(length) + "\":1}";
    }

    private static double average(List<Integer> sizes) {
        return sizes.stream().mapToInt(Integer::intValue).average().orElseThrow();
    }

    /** Base64 comes in groups of four characters: chaff is the nearest size to the average it can be. */
    private static Offset<Double> within() {
        return Offset.offset(2.5);
    }

    private static int bytes(Response response) {
        return response.body().getBytes(StandardCharsets.UTF_8).length;
    }

    private static void assertBase64(String padding) {
        assertThat(padding).matches("[A-Za-z0-9+/]*={0,2}");
        assertThat(padding.length() % 4).isZero();
        assertThat(Base64.getDecoder().decode(padding)).isNotEmpty();
    }

    private String issue(TestRealm realm) {
        Response issued = api.post("/api/issue", realm.adminKey(), Map.of("testType", "confirmed"));
        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
        return issued.json().path("code").asString();
    }

    private JsonNode verifyOk(TestRealm realm, String code) {
        Response verified = api.post("/api/verify", realm.deviceKey(), Map.of("code", code));
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        return verified.json();
    }

    private static String certificateBody(String token) {
        return "{\"token\":\"" + token + "\",\"ekeyhmac\":\""
                + Base64.getEncoder().encodeToString(new byte[32]) + "\"}";
    }

    private List<LocalDate> chaffDays(TestRealm realm) {
        return jdbc.sql("SELECT day FROM realm_chaff_events WHERE realm_id = ? ORDER BY day")
                .param(realm.id().value())
                .query(LocalDate.class)
                .list();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /**
     * Every table's row count, and for the realm's rows of {@link #REALM_TABLES} a digest of their
     * exact contents; {@code realm_chaff_events} is left out.
     */
    private Map<String, String> snapshot(TestRealm realm) {
        counters.flush();
        Map<String, String> snapshot = new LinkedHashMap<>();
        List<String> tables = jdbc.sql("""
                        SELECT tablename FROM pg_tables
                        WHERE schemaname = current_schema() AND tablename <> 'realm_chaff_events'
                        ORDER BY tablename""").query(String.class).list();
        assertThat(tables).containsAll(REALM_TABLES.keySet());
        for (String table : tables) {
            snapshot.put(
                    table + " rows",
                    jdbc.sql("SELECT count(*)::text FROM " + table)
                            .query(String.class)
                            .single());
        }
        REALM_TABLES.forEach((table, realmColumn) -> snapshot.put(
                table + " contents",
                jdbc.sql("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM "
                                + table + " t WHERE " + realmColumn + " = ?")
                        .param(realm.id().value())
                        .query(String.class)
                        .single()));
        return snapshot;
    }
}
