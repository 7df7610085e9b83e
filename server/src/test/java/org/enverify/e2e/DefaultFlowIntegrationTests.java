package org.enverify.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.enverify.apikey.ApiKeys;
import org.enverify.events.Events;
import org.enverify.realm.Realms;
import org.enverify.support.ApiClient;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.TestRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The self-test's default flow against this running application, with WireMock as the key server. */
@EnverifyIntegrationTest
class DefaultFlowIntegrationTests {

    static WireMockServer keyServer;

    @LocalServerPort
    int port;

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    MutableClock clock;

    @Autowired
    Events events;

    @Autowired
    TransactionTemplate transactions;

    TestRealm realm;
    String self;

    @BeforeAll
    static void startKeyServer() {
        keyServer = new WireMockServer(options().dynamicPort());
        keyServer.start();
    }

    @AfterAll
    static void stopKeyServer() {
        keyServer.stop();
    }

    @BeforeEach
    void setUp() {
        keyServer.resetAll();
        realm = TestRealm.create(realms, apiKeys);
        self = "http://localhost:" + port;
    }

    private final List<E2eCalls> opened = new ArrayList<>();

    @AfterEach
    void closeCalls() {
        opened.forEach(E2eCalls::close);
    }

    private DefaultFlow runner(String deviceKey, String keyServerUrl) {
        E2eSettings settings = new E2eSettings(
                self,
                self,
                realm.adminKey(),
                deviceKey,
                keyServerUrl,
                "com.enverify.e2e",
                "",
                "",
                Duration.ofSeconds(20),
                Duration.ofDays(30));
        E2eCalls calls = new E2eCalls(settings);
        opened.add(calls);
        return new DefaultFlow(
                settings,
                calls,
                new E2eRuns(settings, jdbc, meters, new E2eTestRealm(apiKeys, settings), events, transactions));
    }

    private record Run(boolean succeeded, String failedStep, String message) {}

    private Run lastRun() {
        return jdbc.sql(
                        "SELECT succeeded, failed_step, message FROM e2e_runs WHERE flow = 'default' ORDER BY id DESC LIMIT 1")
                .query((rs, row) -> new Run(rs.getBoolean(1), rs.getString(2), rs.getString(3)))
                .single();
    }

    private double runs(String outcome) {
        var counter = meters.find("enverify.e2e.runs")
                .tag("flow", "default")
                .tag("outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void walksTheProtocolAndPublishesACertificateTheKeyServerAccepts(ApiClient api) throws Exception {
        keyServer.stubFor(post(urlEqualTo("/v1/publish"))
                .willReturn(okJson("{\"revisionToken\":\"cmV2\",\"insertedExposures\":14,\"padding\":\"AA\"}")));
        double before = runs("success");

        String summary =
                runner(realm.deviceKey(), keyServer.baseUrl() + "/v1/publish").run(clock.instant());

        assertThat(summary).isEqualTo("passed: issue, verify, checkcodestatus, certificate, publish");
        assertThat(lastRun()).isEqualTo(new Run(true, null, null));
        assertThat(runs("success")).isEqualTo(before + 1);

        var requests = keyServer.findAll(postRequestedFor(urlEqualTo("/v1/publish")));
        assertThat(requests).hasSize(1);
        JsonNode publish =
                JsonMapper.builder().build().readTree(requests.getFirst().getBodyAsString());
        assertThat(publish.path("healthAuthorityID").asString()).isEqualTo("com.enverify.e2e");
        JsonNode keys = publish.path("temporaryExposureKeys");
        assertThat(keys.size()).isEqualTo(14);
        List<TestKeys.Tek> teks = new ArrayList<>();
        for (JsonNode key : keys) {
            assertThat(Base64.getDecoder().decode(key.path("key").asString())).hasSize(16);
            assertThat(key.path("rollingPeriod").asInt()).isEqualTo(144);
            teks.add(new TestKeys.Tek(
                    key.path("key").asString(),
                    key.path("rollingStartNumber").asInt(),
                    key.path("rollingPeriod").asInt(),
                    key.path("transmissionRisk").asInt()));
        }
        byte[] hmacKey = Base64.getDecoder().decode(publish.path("hmacKey").asString());
        assertThat(hmacKey).hasSize(32);

        // The certificate is ours, signed with the published system key, and binds exactly these keys.
        SignedJWT certificate =
                SignedJWT.parse(publish.path("verificationPayload").asString());
        JsonNode jwks = api.get("/jwks/system").json();
        JsonNode jwk = null;
        for (JsonNode key : jwks) {
            if (key.path("kid").asString().equals(certificate.getHeader().getKeyID())) {
                jwk = key;
            }
        }
        assertThat(jwk).isNotNull();
        assertThat(certificate.verify(new ECDSAVerifier(ECKey.parse(jwk.toString()))))
                .isTrue();
        assertThat(certificate.getJWTClaimsSet().getStringClaim("reportType")).isEqualTo("confirmed");
        assertThat(certificate.getJWTClaimsSet().getStringClaim("tekmac")).isEqualTo(TestKeys.hmac(teks, hmacKey));
        // The 4-field form of the key server, computed independently of TestKeys for one fixed vector.
        assertThat(TestKeys.hmac(
                        List.of(
                                new TestKeys.Tek("z2Cx9hdz2SlxZ8GEgqTYpA==", 1, 144, 3),
                                new TestKeys.Tek("dPCphLzfG4uzXneNimkPRQ==", 144, 144, 5)),
                        new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}))
                .isEqualTo("2u1nHt5WWurJytFLF3xitNzM99oNrad2y4YGOL53AeY=");
    }

    @Test
    void recordsTheStepThatFailed() {
        double before = runs("failure");

        assertThatThrownBy(() -> runner(realm.adminKey(), "").run(clock.instant()))
                .hasMessage("failed at verify: POST " + self + "/api/verify answered 401 unauthorized");

        Run run = lastRun();
        assertThat(run.succeeded()).isFalse();
        assertThat(run.failedStep()).isEqualTo("verify");
        assertThat(run.message()).isEqualTo("POST " + self + "/api/verify answered 401 unauthorized");
        assertThat(runs("failure")).isEqualTo(before + 1);
        assertThat(jdbc.sql("SELECT data->>'flow' || ' ' || (data->>'step') FROM events"
                                + " WHERE realm_id = ? AND type = 'e2e.failed'")
                        .param(realm.id().value())
                        .query(String.class)
                        .list())
                .as("the realm of the admin key hears of the failure")
                .containsExactly("default verify");
    }

    @Test
    void aKeyServerRefusalFailsThePublishStep() {
        keyServer.stubFor(post(urlEqualTo("/v1/publish"))
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"unable to validate diagnosis verification: issuer not found\","
                                + "\"code\":\"health_authority_verification_certificate_invalid\"}")));

        assertThatThrownBy(() -> runner(realm.deviceKey(), keyServer.baseUrl()).run(clock.instant()))
                .hasMessageStartingWith("failed at publish: POST " + keyServer.baseUrl() + "/v1/publish answered 401")
                .hasMessageContaining("health_authority_verification_certificate_invalid");
        assertThat(lastRun().failedStep()).isEqualTo("publish");

        assertThat(runner(realm.deviceKey(), "").run(clock.instant()))
                .as("without a key server the walk ends at the certificate")
                .isEqualTo("passed: issue, verify, checkcodestatus, certificate");
    }

    @Autowired
    E2eRunsCleanup cleanup;

    @Test
    void cleanupDeletesRunsOlderThanTheirMaximumAge() {
        var now = clock.instant();
        jdbc.sql("INSERT INTO e2e_runs (flow, started_at, succeeded) VALUES ('default', ?, true), ('default', ?, true)")
                .params(Timestamp.from(now.minus(Duration.ofDays(31))), Timestamp.from(now.minus(Duration.ofDays(29))))
                .update();
        assertThat(cleanup.clean(now)).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM e2e_runs WHERE started_at < ?")
                        .param(Timestamp.from(now.minus(Duration.ofDays(30))))
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM e2e_runs WHERE started_at BETWEEN ? AND ?")
                        .params(
                                Timestamp.from(now.minus(Duration.ofDays(30))),
                                Timestamp.from(now.minus(Duration.ofDays(28))))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }
}
