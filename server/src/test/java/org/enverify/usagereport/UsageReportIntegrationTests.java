package org.enverify.usagereport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.enverify.account.Memberships;
import org.enverify.account.User;
import org.enverify.account.Users;
import org.enverify.apikey.ApiKeys;
import org.enverify.platform.crypto.SecretCipher;
import org.enverify.platform.net.OutboundHttpException;
import org.enverify.platform.net.OutboundUrls;
import org.enverify.realm.Permission;
import org.enverify.realm.Realms;
import org.enverify.realm.TestType;
import org.enverify.sms.TestSms;
import org.enverify.stats.RealmCounters;
import org.enverify.stats.Statistics;
import org.enverify.support.ApiClient;
import org.enverify.support.MessagingIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The daily usage report against a collector that WireMock plays. */
@MessagingIntegrationTest
class UsageReportIntegrationTests {

    static WireMockServer collector;

    @Autowired
    ApplicationContext context;

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    Users users;

    @Autowired
    Memberships memberships;

    @Autowired
    RealmCounters counters;

    @Autowired
    Statistics statistics;

    @Autowired
    UsageReportRepository repository;

    @Autowired
    UsagePseudonyms pseudonyms;

    @Autowired
    OutboundUrls urls;

    @Autowired
    SecretCipher cipher;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;

    @BeforeAll
    static void startCollector() {
        collector = new WireMockServer(options().dynamicPort());
        collector.start();
    }

    @AfterAll
    static void stopCollector() {
        collector.stop();
    }

    @LocalServerPort
    int port;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        collector.resetAll();
        jdbc.sql("DELETE FROM usage_report_days").update();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** A generous timeout: WireMock's first answer in a fresh JVM can take seconds. */
    private UsageReport report(int catchUpDays) {
        return new UsageReport(
                new UsageReportSettings(
                        collector.baseUrl() + "/usage?source=test", "t0k3n", Duration.ofSeconds(20), catchUpDays),
                repository,
                pseudonyms,
                realms,
                statistics,
                urls);
    }

    private void collectorAnswers(int status) {
        collector.stubFor(
                post(urlEqualTo("/usage?source=test")).willReturn(aResponse().withStatus(status)));
    }

    @Test
    void isOffUnlessTheOperatorNamesACollector() {
        assertThat(context.getBeansOfType(UsageReport.class)).isEmpty();
    }

    @Test
    void sendsEachFinishedDayOnceNamingRealmsAndUsersByPseudonyms() throws Exception {
        TestRealm active = TestRealm.create(realms, apiKeys, Map.of("require_date", "false"));
        TestRealm quiet = TestRealm.create(realms, apiKeys);
        String sid = "AC" + active.id() + "usage";
        TestSms.useAcceptingTwilio(context, active.id(), sid);
        User caseWorker = TestUsers.member(users, memberships, active.id(), Set.of(Permission.CODE_ISSUE));
        clock.freeze();
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);

        ApiClient.Response issued =
                api.post("/api/issue", active.adminKey(), Map.of("testType", "confirmed", "phone", "+12065550161"));
        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
        counters.codeIssued(active.id(), null, caseWorker.id(), null, TestType.CONFIRMED);
        counters.codeIssued(active.id(), null, caseWorker.id(), null, TestType.CONFIRMED);
        collectorAnswers(202);

        Instant nextDay = clock.instant().plus(Duration.ofDays(1));
        String summary = report(3).run(nextDay);

        List<LoggedRequest> posts = collector.findAll(postRequestedFor(urlEqualTo("/usage?source=test")));
        assertThat(posts).as(summary).hasSize(3);
        JsonNode document =
                JsonMapper.builder().build().readTree(posts.getLast().getBodyAsString());
        assertThat(document.path("schema").asString()).isEqualTo("enverify.usage.v1");
        assertThat(document.path("installation").asString()).isEqualTo(pseudonyms.installation());
        assertThat(document.path("day").asString()).isEqualTo(day.toString());
        JsonNode figures = realmFigures(document, pseudonyms.realm(active.id().value()));
        assertThat(figures).as(document.toString()).isNotNull();
        assertThat(figures.path("codes_issued").asLong()).isEqualTo(3);
        assertThat(figures.path("sms_sent").asLong())
                .as("the SMS that carried the issued code")
                .isEqualTo(1);
        assertThat(figures.path("codes_claimed").asLong()).isZero();
        assertThat(figures.path("users").size()).isEqualTo(1);
        assertThat(figures.path("users").get(0).path("user").asString()).isEqualTo(pseudonyms.user(caseWorker.id()));
        assertThat(figures.path("users").get(0).path("codes_issued").asLong()).isEqualTo(2);
        assertThat(realmFigures(document, pseudonyms.realm(quiet.id().value())))
                .as("a realm without activity is left out")
                .isNull();
        String body = posts.getLast().getBodyAsString();
        assertThat(body)
                .doesNotContain(realms.find(active.id()).orElseThrow().name())
                .doesNotContain(caseWorker.email())
                .doesNotContain("\"" + active.id() + "\"");
        assertThat(posts.getLast().getHeader("Authorization")).isEqualTo("Bearer t0k3n");
        assertThat(posts.getLast().getHeader("Idempotency-Key")).isEqualTo(pseudonyms.installation() + "-" + day);
        assertThat(posts.stream()
                        .map(post ->
                                post.getBodyAsString().contains(day.minusDays(2).toString())))
                .as("the catch-up days, oldest first")
                .first()
                .isEqualTo(true);

        assertThat(report(3).run(nextDay)).isEqualTo("nothing to send: every finished day was sent");
        assertThat(collector.findAll(postRequestedFor(urlEqualTo("/usage?source=test"))))
                .hasSize(3);
    }

    @Test
    void aDayTheCollectorRefusesIsSentAgainOnTheNextRun() {
        clock.freeze();
        Instant now = clock.instant();
        LocalDate yesterday = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(1);
        collectorAnswers(503);

        assertThatThrownBy(() -> report(1).run(now))
                .isInstanceOf(OutboundHttpException.class)
                .hasMessageContaining("answered 503")
                .hasMessageNotContaining("t0k3n")
                .hasMessageNotContaining("source=test");
        assertThat(repository.lastDaySent()).isEmpty();

        collector.resetAll();
        collectorAnswers(200);
        assertThat(report(1).run(now)).isEqualTo("sent " + yesterday + " (" + realmsOn(yesterday) + " realms)");
        assertThat(repository.lastDaySent()).contains(yesterday);
        collector.verify(
                1,
                postRequestedFor(urlEqualTo("/usage?source=test"))
                        .withHeader("Idempotency-Key", equalTo(pseudonyms.installation() + "-" + yesterday)));
    }

    @Test
    void pseudonymsAreStableKeyedAndTheKeyIsStoredEncrypted() {
        String realm = pseudonyms.realm(1);
        UsagePseudonyms restarted = new UsagePseudonyms(repository, cipher, clock);

        assertThat(restarted.realm(1)).as("the stored key, after a restart").isEqualTo(realm);
        assertThat(pseudonyms.realm(2)).isNotEqualTo(realm);
        assertThat(pseudonyms.user(1)).as("a user and a realm with the same id").isNotEqualTo(realm);
        assertThat(realm).matches("[A-Za-z0-9_-]{22}");
        assertThat(jdbc.sql("SELECT count(*) FROM usage_report_key")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    private int realmsOn(LocalDate day) {
        return report(1).document(day).realms().size();
    }

    private static JsonNode realmFigures(JsonNode document, String pseudonym) {
        for (JsonNode realm : document.path("realms")) {
            if (realm.path("realm").asString().equals(pseudonym)) {
                return realm;
            }
        }
        return null;
    }
}
