package org.enverify.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.enverify.apikey.ApiKeys;
import org.enverify.realm.Realms;
import org.enverify.stats.RealmCounters;
import org.enverify.support.ApiClient;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.TestRealm;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestContextManager;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A property-based fuzz of the JSON APIs: bodies that break the contract in a generated way (an
 * unknown field, a field given twice, a wrong JSON type, trailing or missing text, not an object, a
 * wrong content type), around values that would otherwise work (the realm's live code and its uuid),
 * are refused with the contract's error object and change nothing in the realm; and no path under
 * {@code /api} answers a 5xx or anything but the error object when it refuses.
 *
 * <p>jqwik runs these properties, not Jupiter, so Spring's JUnit extension does not apply: the class
 * takes the application context from Spring's TestContext framework, the same cached context every
 * other {@code @EnverifyIntegrationTest} class shares.
 */
@EnverifyIntegrationTest
@Tag("security")
class ApiFuzzIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record Endpoint(String path, String errorCode, boolean admin, List<String> fields) {}

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("/api/verify", "unparsable_request", false, List.of("code", "accept", "nonce", "padding")),
            new Endpoint("/api/certificate", "token_invalid", false, List.of("token", "ekeyhmac", "padding")),
            new Endpoint(
                    "/api/user-report",
                    "unparsable_request",
                    false,
                    List.of("symptomDate", "testDate", "tzOffset", "phone", "nonce", "padding")),
            new Endpoint(
                    "/api/issue",
                    "unparsable_request",
                    true,
                    List.of("symptomDate", "testDate", "testType", "tzOffset", "phone", "uuid", "padding")),
            new Endpoint("/api/batch-issue", "unparsable_request", true, List.of("codes", "padding")),
            new Endpoint("/api/checkcodestatus", "unparsable_request", true, List.of("uuid", "padding")),
            new Endpoint("/api/expirecode", "unparsable_request", true, List.of("uuid", "padding")));

    private static ApiClient api;
    private static JdbcClient jdbc;
    private static RealmCounters counters;
    private static TestRealm realm;
    private static String liveCode;
    private static String liveUuid;
    private static String stateBefore;

    @BeforeContainer
    static void startTheApplication() throws Exception {
        ApplicationContext context = new TestContextManager(ApiFuzzIntegrationTests.class)
                .getTestContext()
                .getApplicationContext();
        api = new ApiClient(context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
        jdbc = context.getBean(JdbcClient.class);
        counters = context.getBean(RealmCounters.class);
        realm = TestRealm.create(
                context.getBean(Realms.class),
                context.getBean(ApiKeys.class),
                Map.of(
                        "require_date", "false",
                        "allow_bulk_upload", "true",
                        "allowed_test_types", "confirmed,likely,negative,user-report"));
        ApiClient.Response issued = api.post("/api/issue", realm.adminKey(), Map.of("testType", "confirmed"));
        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
        liveCode = issued.json().path("code").asString();
        liveUuid = issued.json().path("uuid").asString();
        stateBefore = realmState();
    }

    @Property(tries = 350)
    void malformedBodiesAreRefusedWithTheErrorObjectAndChangeNothing(
            @ForAll("endpoints") Endpoint endpoint, @ForAll("malformedBodies") Malformed request) {
        String body = request.body().apply(endpoint);

        ApiClient.Response answer = api.post(
                endpoint.path(), endpoint.admin() ? realm.adminKey() : realm.deviceKey(), request.contentType(), body);

        assertThat(answer.status()).as(body + " -> " + answer.body()).isEqualTo(400);
        assertErrorObject(answer);
        assertThat(answer.errorCode()).as(body).isEqualTo(endpoint.errorCode());
        assertThat(realmState()).as("the realm after " + body).isEqualTo(stateBefore);
    }

    @Property(tries = 150)
    void everyPathUnderTheApiAnswersWithoutA5xxAndRefusesWithTheErrorObject(
            @ForAll("apiPaths") String path, @ForAll boolean post) {
        ApiClient.Response answer = post ? api.post(path, realm.adminKey(), "{}") : api.get(path, realm.adminKey());

        assertThat(answer.status()).as(path + " -> " + answer.body()).isLessThan(500);
        if (answer.status() >= 400 && path.startsWith("/api/v1/") && !path.startsWith("/api/v1/bulk-issues")) {
            // the management API answers in its own envelope (docs/management-api.md); bulk issues keep the old one
            assertThat(answer.json().path("status").asString()).as(path).isEqualTo("error");
            assertThat(answer.json().path("error").path("code").asString())
                    .as(path)
                    .isNotEmpty();
        } else if (answer.status() >= 400) {
            assertErrorObject(answer);
        }
        assertThat(realmState()).as("the realm after " + path).isEqualTo(stateBefore);
    }

    /** A body that breaks the contract, built for an endpoint, and the content type it is sent with. */
    record Malformed(Function<Endpoint, String> body, String contentType, String kind) {

        @Override
        public String toString() {
            return kind + " as " + contentType;
        }
    }

    @Provide
    Arbitrary<Endpoint> endpoints() {
        return Arbitraries.of(ENDPOINTS);
    }

    @Provide
    Arbitrary<Malformed> malformedBodies() {
        Arbitrary<String> json = Arbitraries.of("application/json", "application/json; charset=utf-8");
        return Arbitraries.oneOf(
                Combinators.combine(fields(), unknownName())
                        .as((fields, unknown) -> new Malformed(
                                endpoint -> object(fields.apply(endpoint), List.of(entry(unknown, "1"))),
                                "application/json",
                                "unknown field " + unknown)),
                Combinators.combine(fields(), Arbitraries.integers().between(0, 99), anyCase())
                        .as((fields, pick, upper) -> new Malformed(
                                endpoint -> {
                                    String name = endpoint.fields()
                                            .get(pick % endpoint.fields().size());
                                    String twice = upper ? name.toUpperCase(Locale.ROOT) : name;
                                    return object(
                                            fields.apply(endpoint),
                                            List.of(entry(name, quoted("00000000")), entry(twice, quoted(liveCode))));
                                },
                                "application/json",
                                "a field given twice")),
                Combinators.combine(fields(), Arbitraries.integers().between(0, 99), wrongValue())
                        .as((fields, pick, value) -> new Malformed(
                                endpoint -> {
                                    String name = wrongTypeTarget(endpoint, pick);
                                    return object(fields.apply(endpoint), List.of(entry(name, value)));
                                },
                                "application/json",
                                "a field of the wrong type: " + value)),
                Combinators.combine(fields(), Arbitraries.of("x", "{}", "[]", ",", "}", "\"", "null", "1"), json)
                        .as((fields, tail, type) -> new Malformed(
                                endpoint -> object(fields.apply(endpoint), List.of()) + tail,
                                type,
                                "trailing " + tail)),
                Combinators.combine(fields(), Arbitraries.integers().between(0, 99))
                        .as((fields, percent) -> new Malformed(
                                endpoint -> {
                                    String whole = object(fields.apply(endpoint), List.of());
                                    return whole.substring(0, whole.length() * percent / 100);
                                },
                                "application/json",
                                "truncated at " + percent + "%")),
                Combinators.combine(value(2), json)
                        .filter((top, type) -> !top.startsWith("{"))
                        .as((top, type) -> new Malformed(endpoint -> top, type, "not an object: " + top)),
                Combinators.combine(garbage(), json)
                        .as((text, type) -> new Malformed(endpoint -> text, type, "garbage: " + text)),
                Combinators.combine(
                                fields(),
                                Arbitraries.of("text/plain", "application/x-www-form-urlencoded", "application/xml"))
                        .as((fields, type) -> new Malformed(
                                endpoint -> object(fields.apply(endpoint), List.of()),
                                type,
                                "a body of content type '" + type + "'")));
    }

    @Provide
    Arbitrary<String> apiPaths() {
        Arbitrary<String> segment = Arbitraries.oneOf(
                Arbitraries.of(
                        "verify",
                        "certificate",
                        "issue",
                        "batch-issue",
                        "checkcodestatus",
                        "expirecode",
                        "user-report",
                        "stats",
                        "v1",
                        "bulk-issues",
                        "realm.json",
                        "",
                        ".",
                        "..",
                        "%2e%2e",
                        "%00",
                        "%2F",
                        "%5C",
                        ";x=1",
                        "%C0%AF"),
                Arbitraries.strings().withChars("abcXYZ019-._~!$&'()*+,;=:@").ofMaxLength(12));
        return segment.list().ofMinSize(0).ofMaxSize(4).map(parts -> "/api/" + String.join("/", parts));
    }

    /** Fields of the endpoint with values of every JSON type, the live code and uuid among them. */
    private Arbitrary<Function<Endpoint, List<String>>> fields() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 255),
                        value(2).list().ofSize(8),
                        anyCase().list().ofSize(8))
                .as((mask, values, cases) -> endpoint -> {
                    List<String> entries = new ArrayList<>();
                    for (int i = 0; i < endpoint.fields().size() && i < 8; i++) {
                        if ((mask & (1 << i)) != 0) {
                            String name = endpoint.fields().get(i);
                            entries.add(entry(cases.get(i) ? name.toUpperCase(Locale.ROOT) : name, values.get(i)));
                        }
                    }
                    return entries;
                });
    }

    private static String wrongTypeTarget(Endpoint endpoint, int pick) {
        List<String> typed = endpoint.fields().stream()
                .filter(name -> !name.equals("padding"))
                .toList();
        return typed.get(pick % typed.size());
    }

    /** A value no field of these endpoints accepts: each is a string, a list, a number or a boolean. */
    private Arbitrary<String> wrongValue() {
        return Arbitraries.of("{}", "{\"a\":1}", "{\"code\":\"x\"}", "{\"testType\":\"confirmed\"}");
    }

    private Arbitrary<String> unknownName() {
        return Arbitraries.strings()
                .alpha()
                .numeric()
                .ofMinLength(1)
                .ofMaxLength(10)
                .map(name -> "zz" + name);
    }

    private Arbitrary<Boolean> anyCase() {
        return Arbitraries.of(false, true);
    }

    private Arbitrary<String> value(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                Arbitraries.of("null", "true", "false", "0", "-1", "1.5", "99999999999999999999", "\"\""),
                Arbitraries.of(
                                "confirmed",
                                "likely",
                                "negative",
                                "user-report",
                                "2026-02-30",
                                "+12065550100",
                                "AAAA",
                                "not base64!",
                                "\u0000",
                                "\uD83D\uDE00")
                        .map(ApiFuzzIntegrationTests::quoted),
                Arbitraries.just("").map(ignored -> quoted(liveCode)),
                Arbitraries.just("").map(ignored -> quoted(liveUuid)),
                Arbitraries.strings().ofMaxLength(20).map(ApiFuzzIntegrationTests::quoted),
                Arbitraries.integers().map(String::valueOf));
        if (depth == 0) {
            return scalar;
        }
        return Arbitraries.frequencyOf(
                Tuple.of(6, scalar),
                Tuple.of(1, value(depth - 1).list().ofMaxSize(3).map(items -> "[" + String.join(",", items) + "]")),
                Tuple.of(
                        1,
                        Combinators.combine(Arbitraries.of("testType", "code", "phone", "a"), value(depth - 1))
                                .as((name, inner) -> "{" + entry(name, inner) + "}")));
    }

    private Arbitrary<String> garbage() {
        return Arbitraries.strings()
                .withChars("{}[]\":,\\ 0123456789.eE+-truefalsn\u0000\u00e9")
                .ofMaxLength(60)
                .filter(text -> !isJsonObject(text));
    }

    private static boolean isJsonObject(String text) {
        try {
            JsonNode parsed = JSON.readTree(text);
            return parsed != null && parsed.isObject();
        } catch (JacksonException e) {
            return false;
        }
    }

    private static String object(List<String> entries, List<String> more) {
        List<String> all = new ArrayList<>(entries);
        all.addAll(more);
        return "{" + String.join(",", all) + "}";
    }

    private static String entry(String name, String value) {
        return quoted(name) + ":" + value;
    }

    private static String quoted(String text) {
        return JSON.writeValueAsString(text);
    }

    private static void assertErrorObject(ApiClient.Response answer) {
        assertThat(answer.header("Content-Type")).as(answer.body()).startsWith("application/json");
        ApiErrorContractIntegrationTests.assertErrorObject(answer.status(), answer.body(), answer.status());
    }

    /**
     * Everything a request could change in the realm: its codes, tokens, reports, events and counters
     * (which are counted in memory first, so they are flushed to the table before they are read).
     */
    private static String realmState() {
        counters.flush();
        return jdbc.sql("""
                        SELECT concat_ws('/',
                            (SELECT count(*) FROM verification_codes WHERE realm_id = :realm),
                            (SELECT count(claimed_at) FROM verification_codes WHERE realm_id = :realm),
                            (SELECT coalesce(sum(extract(epoch FROM expires_at) + extract(epoch FROM long_expires_at)), 0)
                               FROM verification_codes WHERE realm_id = :realm),
                            (SELECT count(*) FROM tokens WHERE realm_id = :realm),
                            (SELECT count(used_at) FROM tokens WHERE realm_id = :realm),
                            (SELECT count(*) FROM user_reports WHERE realm_id = :realm),
                            (SELECT count(*) FROM events WHERE realm_id = :realm),
                            (SELECT coalesce(string_agg(c::text, ',' ORDER BY c::text), '')
                               FROM realm_daily_counters c WHERE realm_id = :realm))""")
                .param("realm", realm.id().value())
                .query(String.class)
                .single();
    }
}
