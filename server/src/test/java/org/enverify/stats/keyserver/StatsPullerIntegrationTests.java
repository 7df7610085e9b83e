package org.enverify.stats.keyserver;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.enverify.apikey.ApiKeys;
import org.enverify.platform.Actor;
import org.enverify.platform.EnverifySettings;
import org.enverify.realm.RealmId;
import org.enverify.realm.Realms;
import org.enverify.support.ApiClient;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.EnverifyProcess;
import org.enverify.support.MutableClock;
import org.enverify.support.TestRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** The stats puller against key servers that WireMock plays, each checking the token it gets. */
@EnverifyIntegrationTest
class StatsPullerIntegrationTests {

    static WireMockServer keyServers;

    @LocalServerPort
    int port;

    @Autowired
    StatsPuller puller;

    @Autowired
    KeyServerStats stats;

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    MutableClock clock;

    @Autowired
    EnverifySettings settings;

    ApiClient api;
    final List<RealmId> enabled = new ArrayList<>();

    @BeforeAll
    static void startKeyServers() {
        keyServers = new WireMockServer(options().dynamicPort());
        keyServers.start();
    }

    @AfterAll
    static void stopKeyServers() {
        keyServers.stop();
    }

    @BeforeEach
    void setUp(ApiClient api) {
        this.api = api;
        keyServers.resetAll();
    }

    @AfterEach
    void disableEveryRealmThisTestEnabled() {
        enabled.forEach(realm -> stats.disable(realm, Actor.system()));
    }

    private RealmId enable(TestRealm realm, String path, String audience) {
        stats.enable(realm.id(), keyServers.baseUrl() + path, audience, Actor.system());
        enabled.add(realm.id());
        return realm.id();
    }

    private TestRealm realmWithItsOwnKey(String issuer) {
        return TestRealm.create(
                realms,
                apiKeys,
                Map.of(
                        "use_realm_certificate_key", "true",
                        "certificate_issuer", issuer,
                        "certificate_audience", "exposure-notifications-server"));
    }

    private static String day(String date, long android, long teks) {
        return """
                {"day":"%sT00:00:00Z","publish_requests":{"unknown":1,"android":%d,"ios":3},
                 "total_teks_published":%d,"requests_with_revisions":2,
                 "tek_age_distribution":[0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16],
                 "onset_to_upload_distribution":[5,4,3],"requests_missing_onset_date":7}""".formatted(date, android, teks);
    }

    private static String answer(String... days) {
        return "{\"days\":[" + String.join(",", days) + "],\"padding\":\"AAAA\"}";
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    @Test
    void pullsDaysWithATokenSignedByTheRealmsCertificateKey() throws Exception {
        TestRealm own = realmWithItsOwnKey("iss-own-" + port);
        TestRealm system = TestRealm.create(realms, apiKeys);
        // A publish URL works as the base: everything from /v1 on is dropped.
        enable(own, "/ks-own/v1/publish", "stats-aud");
        enable(system, "/ks-system", null);
        String yesterday = today().minusDays(1).toString();
        String before = today().minusDays(2).toString();
        keyServers.stubFor(post(urlEqualTo("/ks-own/v1/stats"))
                .willReturn(okJson(answer(day(before, 10, 40), day(yesterday, 20, 80)))));
        keyServers.stubFor(post(urlEqualTo("/ks-system/v1/stats")).willReturn(okJson(answer(day(yesterday, 5, 9)))));

        assertThat(puller.run(clock.instant())).isEqualTo("pulled 3 days for 2 realms");

        LoggedRequest ownRequest = keyServers
                .findAll(postRequestedFor(urlEqualTo("/ks-own/v1/stats")))
                .getFirst();
        assertThat(ownRequest.getBodyAsString()).isEqualTo("{\"padding\":\"\"}");
        assertThat(ownRequest.getHeader("Content-Type")).startsWith("application/json");
        SignedJWT ownToken =
                verifiedBearer(ownRequest, api.get("/jwks/" + own.id()).json());
        assertThat(ownToken.getHeader().getKeyID()).matches("r" + own.id() + "v\\d+");
        assertThat(ownToken.getJWTClaimsSet().getIssuer()).isEqualTo("iss-own-" + port);
        assertThat(ownToken.getJWTClaimsSet().getAudience()).containsExactly("stats-aud");
        long issuedAt = ownToken.getJWTClaimsSet().getIssueTime().toInstant().getEpochSecond();
        assertThat(issuedAt)
                .isBetween(
                        clock.instant().getEpochSecond() - 60, clock.instant().getEpochSecond());
        assertThat(ownToken.getJWTClaimsSet().getExpirationTime().toInstant().getEpochSecond() - issuedAt)
                .isEqualTo(300);

        SignedJWT systemToken = verifiedBearer(
                keyServers
                        .findAll(postRequestedFor(urlEqualTo("/ks-system/v1/stats")))
                        .getFirst(),
                api.get("/jwks/system").json());
        assertThat(systemToken.getHeader().getKeyID()).isEqualTo("v1");
        assertThat(systemToken.getJWTClaimsSet().getIssuer()).isEqualTo("diagnosis-verification-example");
        assertThat(systemToken.getJWTClaimsSet().getAudience()).containsExactly("keyserver");

        List<KeyServerStatsDay> days = stats.days(own.id(), today().minusDays(7), today());
        assertThat(days)
                .extracting(KeyServerStatsDay::day)
                .containsExactly(LocalDate.parse(before), LocalDate.parse(yesterday));
        KeyServerStatsDay last = days.get(1);
        assertThat(last.publishRequestsUnknown()).isEqualTo(1);
        assertThat(last.publishRequestsAndroid()).isEqualTo(20);
        assertThat(last.publishRequestsIos()).isEqualTo(3);
        assertThat(last.totalTeksPublished()).isEqualTo(80);
        assertThat(last.revisionRequests()).isEqualTo(2);
        assertThat(last.tekAgeDistribution()).hasSize(17).startsWith(0L, 1L).endsWith(16L);
        assertThat(last.onsetToUploadDistribution()).containsExactly(5L, 4L, 3L);
        assertThat(last.requestsMissingOnsetDate()).isEqualTo(7);
        assertThat(stats.days(system.id(), today().minusDays(7), today())).hasSize(1);

        // The next pull replaces the days the key server revised.
        keyServers.stubFor(post(urlEqualTo("/ks-own/v1/stats")).willReturn(okJson(answer(day(yesterday, 25, 90)))));
        puller.run(clock.instant());
        assertThat(stats.days(own.id(), today().minusDays(7), today()))
                .extracting(KeyServerStatsDay::publishRequestsAndroid)
                .containsExactly(10L, 25L);
    }

    @Test
    void aFailingKeyServerFailsOnlyItsRealmAndStoresNothingOfIt() {
        String yesterday = today().minusDays(1).toString();
        String before = today().minusDays(2).toString();
        RealmId good = enable(TestRealm.create(realms, apiKeys), "/good", null);
        RealmId garbage = enable(TestRealm.create(realms, apiKeys), "/garbage", null);
        RealmId halfBad = enable(TestRealm.create(realms, apiKeys), "/half-bad", null);
        RealmId broken = enable(TestRealm.create(realms, apiKeys), "/broken", null);
        RealmId huge = enable(TestRealm.create(realms, apiKeys), "/huge", null);
        RealmId refusing = enable(TestRealm.create(realms, apiKeys), "/refusing", null);
        keyServers.stubFor(post(urlEqualTo("/good/v1/stats")).willReturn(okJson(answer(day(yesterday, 1, 1)))));
        keyServers.stubFor(post(urlEqualTo("/garbage/v1/stats"))
                .willReturn(aResponse().withStatus(200).withBody("<html>not json")));
        keyServers.stubFor(post(urlEqualTo("/half-bad/v1/stats"))
                .willReturn(okJson(
                        answer(day(before, 1, 1), "{\"day\":\"" + yesterday + "\",\"total_teks_published\":-4}"))));
        keyServers.stubFor(
                post(urlEqualTo("/broken/v1/stats")).willReturn(aResponse().withStatus(500)));
        keyServers.stubFor(post(urlEqualTo("/huge/v1/stats"))
                .willReturn(okJson("{\"padding\":\"" + "A".repeat(4_000_000) + "\"}")));
        keyServers.stubFor(post(urlEqualTo("/refusing/v1/stats"))
                .willReturn(aResponse()
                        .withStatus(401)
                        .withBody("{\"error\":\"unauthorized\",\"code\":\"unauthorized\"}")));

        assertThatThrownBy(() -> puller.run(clock.instant()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("pulled 1 days for 1 realms; 5 failed")
                .hasMessageContaining("realm " + garbage + ": POST " + keyServers.baseUrl()
                        + "/garbage/v1/stats: the answer is not JSON")
                .hasMessageContaining("realm " + halfBad + ": POST " + keyServers.baseUrl()
                        + "/half-bad/v1/stats: days[1].total_teks_published is not a count")
                .hasMessageContaining("realm " + broken + ": POST " + keyServers.baseUrl()
                        + "/broken/v1/stats: the key server answered 500")
                .hasMessageContaining("realm " + huge + ": POST " + keyServers.baseUrl()
                        + "/huge/v1/stats: the answer is larger than 4000000 bytes")
                .hasMessageContaining(
                        "realm " + refusing + ": POST " + keyServers.baseUrl()
                                + "/refusing/v1/stats: the key server answered 401 (the key server refused: unauthorized (unauthorized))");

        assertThat(stats.days(good, today().minusDays(7), today())).hasSize(1);
        for (RealmId failed : List.of(garbage, halfBad, broken, huge, refusing)) {
            assertThat(stats.days(failed, today().minusDays(7), today()))
                    .as("realm " + failed)
                    .isEmpty();
        }
    }

    @Test
    void theCommandLineEnablesAndDisablesARealm(TestRealm realm) {
        enabled.add(realm.id());
        // keys.example does not resolve: the outbound address rule is lifted as in a closed network
        Map<String, String> environment = Map.of(
                "ENVERIFY_DATA_DIR",
                settings.dataDir().toAbsolutePath().toString(),
                "ENVERIFY_WEBHOOKS_ALLOW_PRIVATE",
                "true");
        EnverifyProcess.Result enable = EnverifyProcess.run(
                environment,
                "keyserver",
                "enable",
                "--realm",
                realm.id().toString(),
                "--url",
                "https://keys.example/v1/publish",
                "--audience",
                "aud-1");
        assertThat(enable.exitCode()).as(enable.stderr()).isZero();
        assertThat(enable.stdout()).contains("url=https://keys.example/v1/publish", "audience=aud-1");
        assertThat(stats.config(realm.id()))
                .contains(new KeyServerStatsConfig(realm.id(), "https://keys.example/v1/publish", "aud-1"));

        EnverifyProcess.Result disable = EnverifyProcess.run(
                environment, "keyserver", "disable", "--realm", realm.id().toString());
        assertThat(disable.stdout()).contains("no longer pulled");
        assertThat(stats.config(realm.id())).isEmpty();
        assertThatThrownBy(() -> stats.enable(realm.id(), "ftp://keys.example", null, Actor.system()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an http(s) URL");
    }

    private static SignedJWT verifiedBearer(LoggedRequest request, JsonNode publishedKeys) throws Exception {
        String authorization = request.getHeader("Authorization");
        assertThat(authorization).startsWith("Bearer ");
        SignedJWT token = SignedJWT.parse(authorization.substring("Bearer ".length()));
        assertThat(token.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
        JsonNode jwk = null;
        for (JsonNode key : publishedKeys) {
            if (key.path("kid").asString().equals(token.getHeader().getKeyID())) {
                jwk = key;
            }
        }
        assertThat(jwk).as("a published key with the token's kid").isNotNull();
        assertThat(token.verify(new ECDSAVerifier(ECKey.parse(jwk.toString()))))
                .as("signature")
                .isTrue();
        return token;
    }

    @Autowired
    KeyServerStatsCleanup cleanup;

    @Test
    void cleanupDeletesDaysOlderThanTheirMaximumAge(TestRealm realm) {
        enabled.add(realm.id());
        LocalDate today = today();
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        transaction.executeWithoutResult(status -> stats.save(
                realm.id(), List.of(emptyDay(today.minusDays(92)), emptyDay(today.minusDays(90))), clock.instant()));

        assertThat(cleanup.clean(clock.instant())).isGreaterThanOrEqualTo(1);

        assertThat(stats.days(realm.id(), today.minusDays(400), today))
                .extracting(KeyServerStatsDay::day)
                .containsExactly(today.minusDays(90));
    }

    @Autowired
    PlatformTransactionManager transactionManager;

    private static KeyServerStatsDay emptyDay(LocalDate day) {
        return new KeyServerStatsDay(day, 0, 0, 0, 0, 0, List.of(), List.of(), 0);
    }
}
