package org.enverify.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jwt.SignedJWT;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.enverify.apikey.ApiKeys;
import org.enverify.events.Events;
import org.enverify.mobileapp.MobileApp;
import org.enverify.mobileapp.MobileApps;
import org.enverify.platform.Actor;
import org.enverify.realm.Realms;
import org.enverify.sms.TestSms;
import org.enverify.support.MessagingIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.TestApps;
import org.enverify.support.TestRealm;
import org.enverify.support.ThirdParties;
import org.enverify.userreport.UserReports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every flow of the self-test against this running application: Twilio and the key server are WireMock, and the
 * redirect role is reached through a WireMock proxy that names the realm's app-link host, as a load balancer would.
 */
@MessagingIntegrationTest
class E2eFlowsIntegrationTests {

    static final String PHONE = "+12065550190";
    static final JsonMapper JSON = JsonMapper.builder().build();

    static WireMockServer keyServer;

    @LocalServerPort
    int port;

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    MobileApps apps;

    @Autowired
    UserReports userReports;

    @Autowired
    ApplicationContext context;

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
    WireMockServer redirectHost;
    String twilioAccount;
    MobileApp iosApp;
    final List<E2eCalls> opened = new ArrayList<>();

    @BeforeAll
    static void startServers() {
        keyServer = new WireMockServer(options().dynamicPort());
        keyServer.start();
    }

    @AfterAll
    static void stopServers() {
        keyServer.stop();
    }

    @BeforeEach
    void setUp() {
        keyServer.resetAll();
        String region = "E-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        realm = TestRealm.create(
                realms,
                apiKeys,
                Map.of(
                        "require_date", "false",
                        "allowed_test_types", "confirmed,likely,user-report",
                        "allow_admin_user_report", "true",
                        "region_code", region));
        twilioAccount = "AC" + realm.id() + "e2e";
        TestSms.useAcceptingTwilio(context, realm.id(), twilioAccount);
        apps.add(
                realm.id(),
                TestApps.android(
                        "Notify",
                        "org.example.notify",
                        "https://play.google.com/store/apps/details?id=org.example.notify",
                        TestApps.FINGERPRINT),
                Actor.system());
        iosApp = apps.add(
                realm.id(),
                TestApps.ios("Notify iOS", "ABCDE12345.org.example.notify", "https://apps.apple.com/app/id1234567890"),
                Actor.system());
        redirectHost = proxyOnHost(region.toLowerCase() + ".en.example.org");
        keyServer.stubFor(post(urlEqualTo("/v1/publish"))
                .willReturn(
                        okJson("{\"revisionToken\":\"cmV2aXNpb24=\",\"insertedExposures\":14,\"padding\":\"AA\"}")));
    }

    /** This application as a load balancer forwards it the requests for {@code host}. */
    private WireMockServer proxyOnHost(String host) {
        WireMockServer proxy = new WireMockServer(options().dynamicPort().proxyHostHeader(host));
        proxy.start();
        proxy.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom("http://localhost:" + port)));
        return proxy;
    }

    @AfterEach
    void tearDown() {
        redirectHost.stop();
        opened.forEach(E2eCalls::close);
        ThirdParties.server().resetAll();
    }

    private E2eSettings settings(String keyServerUrl) {
        return new E2eSettings(
                "http://localhost:" + port,
                "http://localhost:" + port,
                realm.adminKey(),
                realm.deviceKey(),
                keyServerUrl,
                "com.enverify.e2e",
                PHONE,
                redirectHost.baseUrl(),
                Duration.ofSeconds(20),
                Duration.ofDays(30));
    }

    /** Every flow, configured as the worker would configure it. */
    private Map<E2eFlow, E2eTask> flows(String keyServerUrl) {
        E2eSettings settings = settings(keyServerUrl);
        E2eCalls calls = new E2eCalls(settings);
        opened.add(calls);
        E2eTestRealm testRealm = new E2eTestRealm(apiKeys, settings);
        E2eRuns runs = new E2eRuns(settings, jdbc, meters, testRealm, events, transactions);
        return Map.of(
                E2eFlow.DEFAULT, new DefaultFlow(settings, calls, runs),
                E2eFlow.REVISE, new ReviseFlow(settings, calls, runs),
                E2eFlow.USER_REPORT, new UserReportFlow(settings, calls, runs, testRealm, realms, userReports),
                E2eFlow.SMS, new SmsFlow(settings, calls, runs),
                E2eFlow.REDIRECT, new RedirectFlow(settings, calls, runs));
    }

    private List<String> failureEvents() {
        return jdbc.sql("SELECT (data->>'flow') || ' ' || (data->>'step') FROM events"
                        + " WHERE realm_id = ? AND type = 'e2e.failed'")
                .param(realm.id().value())
                .query(String.class)
                .list();
    }

    private long lastRunId() {
        return jdbc.sql("SELECT coalesce(max(id), 0) FROM e2e_runs")
                .query(Long.class)
                .single();
    }

    private List<String> runsAfter(long id) {
        return jdbc.sql("SELECT flow || ' ' || coalesce(failed_step, 'passed') FROM e2e_runs WHERE id > ? ORDER BY id")
                .param(id)
                .query(String.class)
                .list();
    }

    private List<Map<String, String>> smsTo(String phone) {
        return TestSms.sent(twilioAccount).stream()
                .filter(form -> phone.equals(form.get("To")))
                .toList();
    }

    @Test
    void everyFlowPassesAndIsRecordedUnderItsName() {
        long before = lastRunId();
        Map<E2eFlow, E2eTask> flows = flows("");

        assertThat(flows.get(E2eFlow.DEFAULT).run(clock.instant()))
                .isEqualTo("passed: issue, verify, checkcodestatus, certificate");
        assertThat(flows.get(E2eFlow.REVISE).run(clock.instant()))
                .isEqualTo("passed: issue, verify, checkcodestatus, certificate, revised issue, revised verify,"
                        + " revised checkcodestatus, revised certificate");
        assertThat(flows.get(E2eFlow.SMS).run(clock.instant()))
                .isEqualTo("passed: issue, verify, checkcodestatus, certificate");
        assertThat(smsTo(PHONE))
                .as("the SMS flow's code went out through the realm's Twilio")
                .hasSize(1);
        assertThat(flows.get(E2eFlow.USER_REPORT).run(clock.instant()))
                .isEqualTo("passed: purge, issue, verify, checkcodestatus, certificate, user-report");
        assertThat(flows.get(E2eFlow.USER_REPORT).run(clock.instant()))
                .as("the next run purges the previous report of the test phone")
                .startsWith("passed: ");
        assertThat(smsTo(PHONE))
                .as("one SMS per user-report run: the device API's report of a reported phone sends none")
                .hasSize(3);
        assertThat(flows.get(E2eFlow.REDIRECT).run(clock.instant()))
                .isEqualTo("passed: assetlinks, apple-app-site-association, android redirect, ios redirect,"
                        + " browser redirect");

        assertThat(runsAfter(before))
                .containsExactly(
                        "default passed",
                        "revise passed",
                        "sms passed",
                        "user-report passed",
                        "user-report passed",
                        "redirect passed");
        assertThat(failureEvents()).isEmpty();
        assertThat(meters.find("enverify.e2e.runs")
                        .tag("flow", "user-report")
                        .tag("outcome", "success")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void theReviseFlowPublishesALikelyCertificateAndRevisesItWithAConfirmedOne() throws Exception {
        String summary = flows(keyServer.baseUrl()).get(E2eFlow.REVISE).run(clock.instant());

        assertThat(summary)
                .endsWith("certificate, publish, revised issue, revised verify, revised checkcodestatus,"
                        + " revised certificate, revised publish");
        var publishes = keyServer.findAll(postRequestedFor(urlEqualTo("/v1/publish")));
        assertThat(publishes).hasSize(2);
        JsonNode likely = JSON.readTree(publishes.get(0).getBodyAsString());
        JsonNode confirmed = JSON.readTree(publishes.get(1).getBodyAsString());
        assertThat(likely.path("revisionToken").asString()).isEmpty();
        assertThat(reportType(likely)).isEqualTo("likely");
        assertThat(likely.path("temporaryExposureKeys").size()).isEqualTo(14);
        assertThat(confirmed.path("revisionToken").asString())
                .as("the revision carries the token the key server gave for the first publish")
                .isEqualTo("cmV2aXNpb24=");
        assertThat(reportType(confirmed)).isEqualTo("confirmed");
        JsonNode keys = confirmed.path("temporaryExposureKeys");
        assertThat(keys.size()).as("the same keys and one more of today").isEqualTo(15);
        for (int i = 0; i < 14; i++) {
            assertThat(keys.get(i))
                    .isEqualTo(likely.path("temporaryExposureKeys").get(i));
        }
        List<TestKeys.Tek> teks = new ArrayList<>();
        for (JsonNode key : keys) {
            teks.add(new TestKeys.Tek(
                    key.path("key").asString(),
                    key.path("rollingStartNumber").asInt(),
                    key.path("rollingPeriod").asInt(),
                    key.path("transmissionRisk").asInt()));
        }
        assertThat(SignedJWT.parse(confirmed.path("verificationPayload").asString())
                        .getJWTClaimsSet()
                        .getStringClaim("tekmac"))
                .isEqualTo(TestKeys.hmac(
                        teks,
                        Base64.getDecoder().decode(confirmed.path("hmacKey").asString())));
    }

    private static String reportType(JsonNode publish) throws Exception {
        return SignedJWT.parse(publish.path("verificationPayload").asString())
                .getJWTClaimsSet()
                .getStringClaim("reportType");
    }

    @Test
    void aKeyServerWithoutRevisionTokenFailsTheReviseFlowOnly() {
        keyServer.stubFor(post(urlEqualTo("/v1/publish")).willReturn(okJson("{\"insertedExposures\":14}")));
        Map<E2eFlow, E2eTask> flows = flows(keyServer.baseUrl());

        assertThatThrownBy(() -> flows.get(E2eFlow.REVISE).run(clock.instant()))
                .hasMessage("failed at publish: the key server answered no revisionToken");
        assertThat(flows.get(E2eFlow.DEFAULT).run(clock.instant())).endsWith("publish");
        assertThat(failureEvents()).containsExactly("revise publish");
    }

    @Test
    void twilioRefusingFailsTheSmsFlowWhileTheOthersPass() {
        ThirdParties.server()
                .stubFor(post(urlEqualTo(TestSms.messagesPath(twilioAccount)))
                        .willReturn(aResponse()
                                .withStatus(400)
                                .withHeader("Content-Type", "application/json")
                                .withBody(
                                        "{\"code\":21211,\"message\":\"Invalid 'To' Phone Number\",\"status\":400}")));
        Map<E2eFlow, E2eTask> flows = flows("");

        assertThatThrownBy(() -> flows.get(E2eFlow.SMS).run(clock.instant()))
                .hasMessageStartingWith("failed at issue: POST http://localhost:" + port + "/api/issue answered 400")
                .hasMessageContaining("sms_failure")
                .hasMessageNotContaining(PHONE);
        assertThat(flows.get(E2eFlow.DEFAULT).run(clock.instant())).startsWith("passed: ");
        assertThat(flows.get(E2eFlow.REVISE).run(clock.instant())).startsWith("passed: ");
        assertThat(flows.get(E2eFlow.REDIRECT).run(clock.instant())).startsWith("passed: ");

        assertThat(failureEvents()).containsExactly("sms issue");
        assertThat(jdbc.sql("SELECT count(*) FROM verification_codes WHERE realm_id = ?")
                        .param(realm.id().value())
                        .query(Long.class)
                        .single())
                .as("the refused SMS's code was withdrawn; the default and revise flows' three remain")
                .isEqualTo(3);
    }

    @Test
    void aRedirectHostThatAnswersWrongFailsTheRedirectFlowWhileTheOthersPass() {
        apps.disable(realm.id(), iosApp.id(), Actor.system());
        Map<E2eFlow, E2eTask> flows = flows("");

        assertThatThrownBy(() -> flows.get(E2eFlow.REDIRECT).run(clock.instant()))
                .hasMessage("failed at apple-app-site-association: GET " + redirectHost.baseUrl()
                        + "/.well-known/apple-app-site-association answered 404");
        assertThat(flows.get(E2eFlow.DEFAULT).run(clock.instant())).startsWith("passed: ");
        assertThat(flows.get(E2eFlow.SMS).run(clock.instant())).startsWith("passed: ");

        redirectHost.stop();
        redirectHost = proxyOnHost("zz-unknown.en.example.org");
        Map<E2eFlow, E2eTask> unknownHost = flows("");
        assertThatThrownBy(() -> unknownHost.get(E2eFlow.REDIRECT).run(clock.instant()))
                .as("a host that names no realm's region")
                .hasMessageStartingWith("failed at assetlinks: ");

        assertThat(failureEvents())
                .containsExactlyInAnyOrder("redirect apple-app-site-association", "redirect assetlinks");
    }

    @Test
    void aRealmThatRefusesAdminUserReportsFailsTheUserReportFlowAtIssue() {
        realms.update(realm.id(), Map.of("allow_admin_user_report", "false"), Actor.cli());

        assertThatThrownBy(() -> flows("").get(E2eFlow.USER_REPORT).run(clock.instant()))
                .hasMessageStartingWith("failed at issue: ")
                .hasMessageContaining("unsupported_test_type");
        assertThat(failureEvents()).containsExactly("user-report issue");
    }
}
