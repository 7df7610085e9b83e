package org.enverify.abuse.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.enverify.account.Memberships;
import org.enverify.account.Users;
import org.enverify.apikey.ApiKeys;
import org.enverify.realm.Permission;
import org.enverify.realm.Realms;
import org.enverify.support.ApiClient;
import org.enverify.support.ApiClient.Response;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.enverify.support.UiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each surface's bucket on one process, with three requests an hour so that the fourth is refused.
 * 127.0.0.1 is a trusted proxy here, so a request from it may name its client, and one from ::1 may not.
 */
@EnverifyIntegrationTest
@TestPropertySource(
        properties = {
            "enverify.rate-limit.device-api=3/1h",
            "enverify.rate-limit.admin-api=3/1h",
            "enverify.rate-limit.jwks=3/1h",
            "enverify.rate-limit.redirect=3/1h",
            "enverify.rate-limit.ui=3/1h",
            "enverify.rate-limit.ui-anonymous=3/1h",
            "enverify.trusted-proxies=127.0.0.1"
        })
class RateLimitIntegrationTests {

    private static final DateTimeFormatter RFC_1123_UTC =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'UTC'", Locale.ROOT);
    private static final String RATE_LIMITED =
            "{\"error\":\"too many requests; retry in 1200 seconds\",\"errorCode\":\"rate_limited\",\"error_code\":\"rate_limited\"}";

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    MutableClock clock;

    @Autowired
    MeterRegistry meters;

    @Autowired
    Users users;

    @Autowired
    Memberships memberships;

    ApiClient api;

    /** The clock is back on real time after each test, so each test moves it a day further than the last. */
    private static int days;

    /**
     * A day later every bucket is full again. The clock only moves forward in this class: buckets
     * remember the time of their last refill.
     */
    @BeforeEach
    void refillEveryBucket(ApiClient api) {
        clock.advance(Duration.ofDays(++days));
        this.api = api;
    }

    @Test
    void eachSignedInUserOfTheWebUiHasABucketOfTheirOwn(TestRealm realm, UiClient browser, UiClient colleague) {
        // signing in lands through /login/continue on /codes/issue: two of the three requests
        assertThat(browser.signIn(
                                TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER)
                                        .email(),
                                TestUsers.PASSWORD)
                        .status())
                .isEqualTo(200);
        assertThat(browser.get("/codes/issue").status()).isEqualTo(200);
        UiClient.Page refused = browser.get("/codes/issue");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body()).contains("rate_limited");
        assertThat(refused.header("X-RateLimit-Limit")).isEqualTo("3");
        assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(refused.header("X-RateLimit-Reset")).isNotBlank();
        assertThat(refused.header("Retry-After")).isEqualTo("1200");

        assertThat(colleague
                        .signIn(
                                TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER)
                                        .email(),
                                TestUsers.PASSWORD)
                        .status())
                .isEqualTo(200);
        assertThat(new UiClient(port).get("/login").status())
                .as("sign-in pages take no user's tokens")
                .isEqualTo(200);
    }

    @Test
    void aSignedInPersonsAssetsTakeNoTokenAndARefusedPageIsAPageInTheirLanguage(TestRealm realm, UiClient browser) {
        browser.signIn(
                TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER)
                        .email(),
                TestUsers.PASSWORD);
        for (int i = 0; i < 5; i++) {
            assertThat(browser.get("/ui/app.css").status()).isEqualTo(200);
            assertThat(browser.get("/webjars/htmx.org/dist/htmx.min.js").status())
                    .isEqualTo(200);
        }
        assertThat(browser.get("/codes/issue").status())
                .as("the third page, however many assets came before it")
                .isEqualTo(200);

        UiClient.Page refused = browser.header("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8")
                .header("Accept-Language", "es")
                .get("/codes/issue");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Content-Type")).startsWith("text/html");
        assertThat(refused.header("Retry-After")).isEqualTo("1200");
        assertThat(refused.text("main h1")).isEqualTo("Demasiadas solicitudes");
        assertThat(refused.text("#retry-after")).isEqualTo("Podrá continuar dentro de 20 minutos.");
        assertThat(browser.get("/ui/app.js").status())
                .as("a refused person's pages still get their scripts")
                .isEqualTo(200);
    }

    @Test
    void aBrowserRefusedASignInPageGetsAPageSayingHowLongToWait() {
        UiClient visitor =
                new UiClient(port).header("X-Forwarded-For", "203.0.113.60").header("Accept", "text/html");
        for (int i = 0; i < 3; i++) {
            assertThat(visitor.get("/login").status()).isEqualTo(200);
        }
        UiClient.Page refused = visitor.get("/login");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Content-Type")).startsWith("text/html");
        assertThat(refused.text("#retry-after")).isEqualTo("You can go on in 20 minutes.");
    }

    @Test
    @Tag("security")
    void anonymousPagesAreLimitedPerAddressAndTheirAssetsAreNot() {
        UiClient visitor = new UiClient(port).header("X-Forwarded-For", "203.0.113.50");
        assertThat(visitor.get("/login").status()).isEqualTo(200);
        assertThat(visitor.get("/login/forgot-password").status()).isEqualTo(200);
        assertThat(visitor.get("/login").status()).isEqualTo(200);
        assertThat(visitor.get("/ui/app.js").status())
                .as("scripts take no token")
                .isEqualTo(200);

        UiClient.Page refused =
                new UiClient(port).header("X-Forwarded-For", "203.0.113.50").get("/login");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body()).isEqualTo(RATE_LIMITED);
        assertThat(refused.header("X-RateLimit-Limit")).isEqualTo("3");
        assertThat(refused.header("Retry-After")).isEqualTo("1200");

        assertThat(new UiClient(port)
                        .header("X-Forwarded-For", "203.0.113.51")
                        .get("/login")
                        .status())
                .as("another address has a bucket of its own")
                .isEqualTo(200);
    }

    private Response verify(ApiClient client, String key) {
        return client.post("/api/verify", key, Map.of("code", "12345678"));
    }

    private Response verify(String key) {
        return verify(api, key);
    }

    private static void assertAdmitted(Response response, long remaining) {
        assertThat(response.status()).as(response.body()).isNotIn(429, 500);
        assertThat(response.header("X-RateLimit-Limit")).isEqualTo("3");
        assertThat(response.header("X-RateLimit-Remaining")).isEqualTo(Long.toString(remaining));
    }

    private static void assertRefused(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(429);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.json()).isEqualTo(JsonMapper.builder().build().readTree(RATE_LIMITED));
        assertThat(response.header("Retry-After")).isEqualTo("1200");
        assertThat(response.header("X-RateLimit-Limit")).isEqualTo("3");
        assertThat(response.header("X-RateLimit-Remaining")).isEqualTo("0");
    }

    private double limited(String surface) {
        return meters.counter("enverify.ratelimit.limited", "surface", surface).count();
    }

    @Test
    void theDeviceApiCountsDownAndRefusesTheFourthRequestUntilATokenIsBack(TestRealm realm) {
        double limitedBefore = limited("device-api");

        for (int remaining = 2; remaining >= 0; remaining--) {
            Response response = verify(realm.deviceKey());
            assertThat(response.errorCode()).isEqualTo("code_invalid");
            assertAdmitted(response, remaining);
        }
        Response refused = verify(realm.deviceKey());

        assertRefused(refused);
        ZonedDateTime reset =
                ZonedDateTime.parse(refused.header("X-RateLimit-Reset"), RFC_1123_UTC.withZone(ZoneOffset.UTC));
        assertThat(reset.toInstant())
                .as("the bucket is full again an hour after its first token went")
                .isAfter(clock.instant().plus(Duration.ofMinutes(59)))
                .isBefore(clock.instant().plus(Duration.ofMinutes(61)));
        assertThat(limited("device-api")).isEqualTo(limitedBefore + 1);
        assertRefused(api.post("/api/certificate", realm.deviceKey(), Map.of("token", "x", "ekeyhmac", "y")));

        clock.advance(Duration.ofMinutes(20));
        assertAdmitted(verify(realm.deviceKey()), 0);
        assertRefused(verify(realm.deviceKey()));
    }

    @Test
    void adminAndStatsKeysOfARealmShareTheAdminApiBucket(TestRealm realm) {
        Map<String, String> unknownCode = Map.of("uuid", UUID.randomUUID().toString());

        Response status = api.post("/api/checkcodestatus", realm.adminKey(), unknownCode);
        assertThat(status.errorCode()).isEqualTo("code_not_found");
        assertAdmitted(status, 2);
        assertAdmitted(api.post("/api/issue", realm.adminKey(), Map.of("testType", "confirmed")), 1);
        assertAdmitted(api.withHeaders(Map.of("X-API-Key", realm.statsKey())).get("/api/stats/realm.json"), 0);

        assertRefused(api.post("/api/expirecode", realm.adminKey(), unknownCode));
        assertThat(api.post("/api/issue", TestRealm.create(realms, apiKeys).adminKey(), Map.of("testType", "confirmed"))
                        .status())
                .as("another realm's key from the same address")
                .isEqualTo(200);
    }

    @Test
    void keysOfTwoRealmsFromOneAddressHaveTheirOwnBucketsAndAnythingElseSharesTheAddressBucket(
            TestRealm first, TestRealm second) {
        for (int i = 0; i < 3; i++) {
            verify(first.deviceKey());
        }
        assertRefused(verify(first.deviceKey()));

        assertAdmitted(verify(second.deviceKey()), 2);

        Response garbage = verify("garbage");
        assertThat(garbage.errorCode()).isEqualTo("unauthorized");
        assertAdmitted(garbage, 2);
        assertAdmitted(verify(first.adminKey()), 1);
        assertAdmitted(verify(null), 0);
        assertRefused(verify("another-garbage"));
        assertAdmitted(verify(second.deviceKey()), 1);
    }

    @Test
    void chaffTakesNoToken(TestRealm realm) {
        ApiClient chaff = api.withHeaders(Map.of("X-Chaff", "1"));

        for (int i = 0; i < 5; i++) {
            Response response = verify(chaff, realm.deviceKey());
            assertThat(response.status()).isNotEqualTo(429);
            assertThat(response.header("X-RateLimit-Limit")).isNull();
        }
        assertThat(chaff.post("/api/certificate", realm.deviceKey(), "{}").header("X-RateLimit-Limit"))
                .isNull();

        assertAdmitted(verify(realm.deviceKey()), 2);
        assertAdmitted(api.withHeaders(Map.of("X-Chaff", "")).post("/api/verify", realm.deviceKey(), "{}"), 1);
        assertAdmitted(chaff.post("/api/issue", realm.adminKey(), Map.of("testType", "confirmed")), 2);
    }

    @Test
    void theKeyIsAuthenticatedOncePerRequest(TestRealm realm) {
        double before = apiKeyLookups();

        assertThat(verify(realm.deviceKey()).errorCode()).isEqualTo("code_invalid");

        assertThat(apiKeyLookups() - before)
                .as("lookups of the API key cache for one request")
                .isEqualTo(1);
    }

    private double apiKeyLookups() {
        return meters.find("cache.gets").tag("cache", "api-keys").functionCounters().stream()
                .mapToDouble(FunctionCounter::count)
                .sum();
    }

    @Test
    void jwksIsLimitedPerAddress() {
        for (int remaining = 2; remaining >= 0; remaining--) {
            Response keys = api.get("/jwks/system");
            assertThat(keys.status()).isEqualTo(200);
            assertAdmitted(keys, remaining);
        }
        assertRefused(api.get("/jwks/system"));
        assertRefused(api.get("/jwks/1"));
    }

    @Test
    void everyOtherRouteIsLimitedAsTheRedirectSurface() {
        for (int remaining = 2; remaining >= 0; remaining--) {
            Response missing = api.get("/.well-known/assetlinks.json");
            assertThat(missing.status()).isEqualTo(404);
            assertAdmitted(missing, remaining);
        }
        assertRefused(api.get("/anything"));
    }

    @Test
    void healthAndStatusAreNeverLimited() {
        for (int i = 0; i < 5; i++) {
            for (String path : new String[] {"/health", "/health?service=database", "/statusz"}) {
                Response response = api.get(path);
                assertThat(response.status()).as(path).isEqualTo(200);
                assertThat(response.header("X-RateLimit-Limit")).as(path).isNull();
            }
            Response probe = new ApiClient(managementPort).get("/actuator/health");
            assertThat(probe.status()).isEqualTo(200);
            assertThat(probe.header("X-RateLimit-Limit")).isNull();
        }
    }

    @Test
    void aTrustedProxyNamesTheClientAndAnUntrustedPeerCannot() {
        ApiClient proxied = api.withHeaders(Map.of("X-Forwarded-For", "203.0.113.7"));
        for (int i = 0; i < 3; i++) {
            api.get("/jwks/system");
        }
        assertRefused(api.get("/jwks/system"));
        assertAdmitted(proxied.get("/jwks/system"), 2);

        ApiClient ipv6 = new ApiClient("[::1]", port);
        ApiClient spoofing = ipv6.withHeaders(Map.of("X-Forwarded-For", "198.51.100.9"));
        assertAdmitted(ipv6.get("/jwks/system"), 2);
        assertAdmitted(spoofing.get("/jwks/system"), 1);
        assertAdmitted(
                ipv6.withHeaders(Map.of("X-Forwarded-For", "198.51.100.10")).get("/jwks/system"), 0);
        assertRefused(spoofing.get("/jwks/system"));
        assertThat(ipv6.get("/health").status()).isEqualTo(200);
    }
}
