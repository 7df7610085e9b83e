package org.enverify.realm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.enverify.apikey.ApiKeys;
import org.enverify.support.ApiClient;
import org.enverify.support.HostNamesIntegrationTest;
import org.enverify.support.TestRealm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Realm hosts under {@code example.org}: {@code <slug>.example.org} serves the realm's UI routes and
 * {@code <slug>-api.example.org} its APIs, each for that realm only; other hosts get 404.
 */
@HostNamesIntegrationTest
class RealmHostsIntegrationTests {

    static final Map<String, String> ISSUE = Map.of("testType", "confirmed");

    @LocalManagementPort
    int managementPort;

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    TestRealm a;
    TestRealm b;
    String slugA;

    @BeforeEach
    void setUp(ApiClient api) {
        this.api = api;
        slugA = "t" + UUID.randomUUID().toString().substring(0, 8);
        a = TestRealm.create(realms, apiKeys, Map.of("require_date", "false", "slug", slugA));
        b = TestRealm.create(
                realms,
                apiKeys,
                Map.of(
                        "require_date",
                        "false",
                        "slug",
                        "t" + UUID.randomUUID().toString().substring(0, 8)));
    }

    private ApiClient on(String host) {
        return api.onHost(host);
    }

    private long codesOf(TestRealm realm) {
        return jdbc.sql("SELECT count(*) FROM verification_codes WHERE realm_id = ?")
                .param(realm.id().value())
                .query(Long.class)
                .single();
    }

    @Test
    void aRealmApiHostServesItsOwnKeysWhateverTheSpellingOfTheHost() {
        for (String host : List.of(
                slugA + "-api.example.org",
                slugA.toUpperCase() + "-API.EXAMPLE.ORG",
                slugA + "-api.example.org.",
                slugA + "-api.example.org:8443",
                slugA.toUpperCase() + "-api.Example.Org.:443")) {
            assertThat(on(host).post("/api/issue", a.adminKey(), ISSUE).status())
                    .as(host)
                    .isEqualTo(200);
        }
        assertThat(on(slugA + "-api.example.org").get("/openapi.yaml").status()).isEqualTo(200);
    }

    @Test
    void anotherRealmsKeyOnARealmApiHostFindsNothing() {
        ApiClient onA = on(slugA + "-api.example.org");
        ApiClient.Response issued = onA.post("/api/issue", b.adminKey(), ISSUE);
        assertThat(issued.status()).isEqualTo(404);
        assertThat(issued.body())
                .as("the answer of a route that does not exist")
                .isEqualTo(onA.post("/api/no-such-route", b.adminKey(), ISSUE).body());
        assertThat(codesOf(b)).isZero();

        assertThat(onA.post("/api/verify", b.deviceKey(), Map.of("code", "12345678"))
                        .status())
                .isEqualTo(404);
        assertThat(onA.post(
                                "/api/checkcodestatus",
                                b.adminKey(),
                                Map.of("uuid", UUID.randomUUID().toString()))
                        .status())
                .isEqualTo(404);
        assertThat(onA.post("/api/issue", "not-a-key", ISSUE).status())
                .as("a key that is no key is still unauthorized")
                .isEqualTo(401);
        assertThat(onA.post("/api/issue", null, ISSUE).status()).isEqualTo(401);
    }

    @Test
    void aRealmUiHostPublishesOnlyItsOwnRealmsKeys() {
        ApiClient onA = on(slugA + ".example.org");
        assertThat(onA.get("/jwks/" + a.id()).status()).isEqualTo(200);
        assertThat(onA.get("/jwks/system").status()).isEqualTo(200);
        ApiClient.Response other = onA.get("/jwks/" + b.id());
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.body()).isEmpty();
        assertThat(on(slugA.toUpperCase() + ".EXAMPLE.ORG.:8080")
                        .get("/jwks/" + b.id())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void eachRealmHostServesOnlyItsOwnSurface() {
        assertThat(on(slugA + ".example.org")
                        .post("/api/issue", a.adminKey(), ISSUE)
                        .status())
                .as("no API on the UI host")
                .isEqualTo(404);
        assertThat(on(slugA + ".example.org").get("/openapi.yaml").status()).isEqualTo(404);
        assertThat(on(slugA + "-api.example.org").get("/jwks/" + a.id()).status())
                .as("no UI routes on the API host")
                .isEqualTo(404);
        assertThat(codesOf(a)).isZero();
    }

    @Test
    void unknownHostsGet404ButProbesAnswerEverywhere() {
        for (String host : List.of(
                "nosuchrealm.example.org",
                "nosuchrealm-api.example.org",
                "a.b.example.org",
                "localhost",
                "10.1.2.3",
                "example.net")) {
            ApiClient onHost = on(host);
            assertThat(onHost.post("/api/issue", a.adminKey(), ISSUE).status())
                    .as(host)
                    .isEqualTo(404);
            assertThat(onHost.get("/jwks/system").status()).as(host).isEqualTo(404);
            assertThat(onHost.get("/health").status()).as(host).isEqualTo(200);
            assertThat(onHost.get("/statusz").status()).as(host).isEqualTo(200);
            assertThat(new ApiClient(managementPort)
                            .onHost(host)
                            .get("/actuator/health/liveness")
                            .status())
                    .as(host)
                    .isEqualTo(200);
        }
        assertThat(codesOf(a)).isZero();
    }

    @Test
    void theSuffixItselfAndTheRedirectDomainServeEveryRealmAsWithoutRealmHosts() {
        for (String host : List.of("example.org", "EXAMPLE.ORG.:8443", "en.example.org", "lnk-1.en.example.org")) {
            assertThat(on(host).post("/api/issue", b.adminKey(), ISSUE).status())
                    .as(host)
                    .isEqualTo(200);
        }
        assertThat(on("example.org").get("/jwks/" + b.id()).status()).isEqualTo(200);
        assertThat(on("example.org").get("/jwks/" + a.id()).status()).isEqualTo(200);
    }
}
