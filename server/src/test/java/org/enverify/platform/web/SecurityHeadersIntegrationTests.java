package org.enverify.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.enverify.support.ApiClient;
import org.enverify.support.HostNamesIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Security headers on every kind of response. This context trusts loopback as its proxy, so it
 * believes {@code X-Forwarded-Proto} from the tests, as behind a TLS-terminating proxy.
 */
@HostNamesIntegrationTest
class SecurityHeadersIntegrationTests {

    static final Map<String, String> HTTPS = Map.of("X-Forwarded-Proto", "https");

    ApiClient api;

    @BeforeEach
    void setUp(ApiClient api) {
        this.api = api.onHost(HostNamesIntegrationTest.SUFFIX);
    }

    private static void assertAlwaysPresent(ApiClient.Response response) {
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
    }

    private static void assertNotStored(ApiClient.Response response) {
        assertThat(response.headers().get("Cache-Control")).containsExactly("no-store");
    }

    @Test
    void jsonResponsesAreNotStoredAndNotFramed() {
        ApiClient.Response health = api.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertAlwaysPresent(health);
        assertNotStored(health);
        assertThat(health.header("Strict-Transport-Security")).as("plain HTTP").isNull();
        assertThat(health.header("Content-Security-Policy")).as("not HTML").isNull();
        assertThat(health.header("X-Frame-Options")).isNull();
    }

    @Test
    void unauthorizedResponsesCarryThemToo() {
        ApiClient.Response refused = api.post("/api/issue", null, Map.of("testType", "confirmed"));
        assertThat(refused.status()).isEqualTo(401);
        assertAlwaysPresent(refused);
        assertNotStored(refused);
    }

    @Test
    void notFoundResponsesCarryThemToo() {
        ApiClient.Response json = api.get("/no/such/route");
        assertThat(json.status()).isEqualTo(404);
        assertThat(json.header("Content-Type")).startsWith("application/json");
        assertAlwaysPresent(json);
        assertNotStored(json);

        ApiClient.Response unknownHost = api.onHost("nosuchrealm.example.org").get("/jwks/system");
        assertThat(unknownHost.status()).isEqualTo(404);
        assertAlwaysPresent(unknownHost);

        ApiClient.Response jwks = api.get("/jwks/999999999");
        assertThat(jwks.status()).isEqualTo(404);
        assertAlwaysPresent(jwks);
    }

    @Test
    void htmlPagesMayNotBeFramedAndLoadOnlyTheirOwnContent() {
        ApiClient.Response page = api.get("/no/such/page", Map.of("Accept", "text/html"));
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertAlwaysPresent(page);
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("Content-Security-Policy"))
                .isEqualTo(
                        "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; object-src 'none'; base-uri 'self'");
    }

    @Test
    void aHandlersOwnCachingIsKept() {
        ApiClient.Response jwks = api.get("/jwks/system");
        assertThat(jwks.status()).isEqualTo(200);
        assertThat(jwks.headers().get("Cache-Control")).containsExactly("max-age=300, public");
        assertAlwaysPresent(jwks);
    }

    @Test
    void hstsOnlyOverHttps() {
        for (String path : List.of("/health", "/no/such/route", "/jwks/system")) {
            ApiClient.Response secure = api.get(path, HTTPS);
            assertThat(secure.header("Strict-Transport-Security"))
                    .as(path)
                    .isEqualTo("max-age=31536000; includeSubDomains");
            assertAlwaysPresent(secure);
            assertThat(api.get(path).header("Strict-Transport-Security"))
                    .as(path)
                    .isNull();
        }
        ApiClient.Response redirect = api.onHost("en.example.org")
                .get("/", Map.of("User-Agent", "Mozilla/5.0 (iPhone)", "X-Forwarded-Proto", "https"));
        assertThat(redirect.status()).isEqualTo(303);
        assertThat(redirect.header("Strict-Transport-Security")).isNotNull();
        assertAlwaysPresent(redirect);
    }
}
