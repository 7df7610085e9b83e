package org.enverify.stats;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.enverify.account.Memberships;
import org.enverify.account.User;
import org.enverify.account.Users;
import org.enverify.apikey.ApiKeys;
import org.enverify.jobs.PeriodicTask;
import org.enverify.platform.Actor;
import org.enverify.realm.Permission;
import org.enverify.realm.Realms;
import org.enverify.sms.TestSms;
import org.enverify.stats.UpstreamStatsTypes.JsonCompositeStat;
import org.enverify.stats.UpstreamStatsTypes.JsonCompositeStatStatsData;
import org.enverify.stats.UpstreamStatsTypes.JsonRealmStat;
import org.enverify.stats.UpstreamStatsTypes.JsonRealmStatStatsData;
import org.enverify.stats.UpstreamStatsTypes.JsonRealmUserStat;
import org.enverify.stats.UpstreamStatsTypes.JsonSmsErrorStat;
import org.enverify.stats.UpstreamStatsTypes.JsonUserStat;
import org.enverify.stats.UpstreamStatsTypes.StatsDay;
import org.enverify.stats.keyserver.KeyServerStats;
import org.enverify.support.ApiClient;
import org.enverify.support.MessagingIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.enverify.support.ThirdParties;
import org.enverify.support.UiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every family of the stats API over a realm where every kind of event happened on known days, and
 * over one where nothing did: each JSON document decodes in upstream's own types ({@link
 * UpstreamStatsTypes}, strictly), each CSV file has upstream's header, and both say what happened.
 */
@MessagingIntegrationTest
class StatsFamiliesIntegrationTests {

    private static final Pattern SHORT_CODE = Pattern.compile("\\b\\d{8}\\b");
    private static final String IPHONE = "MyHealthApp/3 CFNetwork/1240.0.4 Darwin/20.6.0";
    private static final JsonMapper CHARTS = JsonMapper.builder().build();
    private static final String ANDROID = "Dalvik/2.1.0 (Linux; U; Android 13; Pixel 7 Build/TQ3A)";

    @LocalServerPort
    int port;

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    Users users;

    @Autowired
    Memberships memberships;

    @Autowired
    KeyServerStats keyServerStats;

    @Autowired
    List<PeriodicTask> tasks;

    @Autowired
    ApplicationContext context;

    @Autowired
    MutableClock clock;

    ApiClient api;
    TestRealm keyServerRealm;
    final Random random = new Random(16);

    @BeforeEach
    void setUp(ApiClient api) {
        this.api = api;
    }

    @AfterEach
    void tearDown() {
        if (keyServerRealm != null) {
            keyServerStats.disable(keyServerRealm.id(), Actor.system());
        }
        ThirdParties.server().resetAll();
    }

    @Test
    void everyFamilyOfARealmWithActivityDecodesInUpstreamsTypesAndCountsIt(
            UiClient grace, UiClient ada, UiClient reader) throws Exception {
        TestRealm realm = TestRealm.create(
                realms, apiKeys, Map.of("require_date", "false", "allowed_test_types", "confirmed,user-report"));
        String sid = "AC" + realm.id() + "stats";
        TestSms.useAcceptingTwilio(context, realm.id(), sid);
        User graceUser = caseWorker(realm, "Grace Hopper", grace);
        User adaUser = caseWorker(realm, "Ada Lovelace", ada);
        clock.freeze();
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1);
        LocalDate yesterday = today.minusDays(1);

        // yesterday: two codes by Grace, one SMS error
        issueInBrowser(grace);
        issueInBrowser(grace);
        TestSms.reportDeliveryError(api, port, realm.id(), sid, "30003");
        clock.advance(Duration.ofDays(1));
        grace.signIn(graceUser.email(), TestUsers.PASSWORD);
        ada.signIn(adaUser.email(), TestUsers.PASSWORD);

        // today
        issueInBrowser(grace);
        issueInBrowser(ada);
        assertThat(api.post(
                                "/api/issue",
                                realm.adminKey(),
                                Map.of("testType", "confirmed", "externalIssuerID", "lab-a"))
                        .status())
                .isEqualTo(200);
        String nonce = nonce();
        ApiClient.Response reported =
                api.post("/api/user-report", realm.deviceKey(), Map.of("phone", "+12065550160", "nonce", nonce));
        assertThat(reported.status()).as(reported.body()).isEqualTo(200);
        Matcher code = SHORT_CODE.matcher(TestSms.sent(sid).getFirst().get("Body"));
        assertThat(code.find()).isTrue();
        assertThat(verify(realm, code.group(), nonce(), IPHONE).errorCode()).isEqualTo("code_invalid");
        assertThat(verify(realm, "00000000", null, ANDROID).errorCode()).isEqualTo("code_invalid");
        assertThat(verify(realm, "00000001", null, null).errorCode()).isEqualTo("code_invalid");
        ApiClient.Response verified = verify(realm, code.group(), nonce, ANDROID);
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(api.post(
                                "/api/certificate",
                                realm.deviceKey(),
                                Map.of(
                                        "token",
                                        verified.json().path("token").asString(),
                                        "ekeyhmac",
                                        Base64.getEncoder().encodeToString(new byte[32])))
                        .status())
                .isEqualTo(200);
        assertThat(verify(realm, code.group(), nonce(), IPHONE).errorCode())
                .as("a used code is not counted again, whatever its nonce")
                .isEqualTo("code_invalid");
        TestSms.reportDeliveryError(api, port, realm.id(), sid, "30003");
        TestSms.reportDeliveryError(api, port, realm.id(), sid, "30003");
        TestSms.reportDeliveryError(api, port, realm.id(), sid, "21211");
        pullKeyServer(realm, yesterday, today.minusDays(3));

        JsonRealmStat realmStats = json("/api/stats/realm.json", realm, JsonRealmStat.class);
        assertThat(realmStats.realmId()).isEqualTo(realm.id().value());
        assertWindow(realmStats.statistics().stream().map(day -> day.date()).toList(), today);
        JsonRealmStatStatsData todayData = realmStats.statistics().get(0).data();
        assertThat(List.of(
                        todayData.codesIssued(),
                        todayData.codesClaimed(),
                        todayData.codesInvalid(),
                        todayData.userReportsIssued(),
                        todayData.userReportsClaimed(),
                        todayData.userReportsInvalidNonce(),
                        todayData.tokensClaimed(),
                        todayData.tokensInvalid(),
                        todayData.userReportTokensClaimed()))
                .containsExactly(4L, 1L, 3L, 1L, 1L, 1L, 1L, 0L, 1L);
        assertThat(todayData.codesInvalidByOs()).isEqualTo(new UpstreamStatsTypes.CodesInvalidByOsData(1, 1, 1));
        assertThat(todayData.userReportsInvalidNonceByOs())
                .isEqualTo(new UpstreamStatsTypes.CodesInvalidByOsData(0, 1, 0));
        assertThat(todayData.codeClaimDistribution()).containsExactly(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        JsonRealmStatStatsData yesterdayData = realmStats.statistics().get(1).data();
        assertThat(yesterdayData.codesIssued()).isEqualTo(2);
        assertThat(yesterdayData.codeClaimDistribution())
                .as("upstream has no histogram for a day without claims")
                .isEmpty();
        List<List<String>> realmCsv = csv("/api/stats/realm.csv", realm, "realm-stats");
        assertThat(realmCsv.getFirst()).containsExactlyElementsOf(StatsCsvHeaders.REALM);
        assertThat(realmCsv).hasSize(Statistics.DAYS + 1);
        assertThat(realmCsv.get(1))
                .containsExactly(
                        today.toString(),
                        "4",
                        "1",
                        "3",
                        "1",
                        "0",
                        "0",
                        "1|0|0|0|0|0|0|0|0|0|0",
                        "1",
                        "1",
                        "1",
                        "1",
                        "1",
                        "1",
                        "1",
                        "0",
                        "1",
                        "0");
        assertThat(realmCsv.get(2).get(7)).isEmpty();

        JsonRealmUserStat usersStats = json("/api/stats/realm/users.json", realm, JsonRealmUserStat.class);
        assertWindow(usersStats.statistics().stream().map(day -> day.date()).toList(), today);
        assertThat(usersStats.statistics().get(0).issuerData())
                .containsExactly(
                        new UpstreamStatsTypes.JsonRealmUserStatIssuerData(
                                adaUser.id(), "Ada Lovelace", adaUser.email(), 1),
                        new UpstreamStatsTypes.JsonRealmUserStatIssuerData(
                                graceUser.id(), "Grace Hopper", graceUser.email(), 1));
        assertThat(usersStats.statistics().get(1).issuerData())
                .extracting(UpstreamStatsTypes.JsonRealmUserStatIssuerData::codesIssued)
                .containsExactly(0L, 2L);
        assertThat(usersStats.statistics().get(2).issuerData()).hasSize(2);
        List<List<String>> usersCsv = csv("/api/stats/realm/users.csv", realm, "user-stats");
        assertThat(usersCsv.getFirst()).containsExactlyElementsOf(StatsCsvHeaders.USERS);
        assertThat(usersCsv).hasSize(2 * Statistics.DAYS + 1);
        assertThat(usersCsv.get(2))
                .containsExactly(
                        today.toString(),
                        realm.id().toString(),
                        Long.toString(graceUser.id()),
                        "Grace Hopper",
                        graceUser.email(),
                        "1");

        JsonUserStat graceStats = json("/api/stats/realm/users/" + graceUser.id() + ".json", realm, JsonUserStat.class);
        assertThat(graceStats.realmId()).isEqualTo(realm.id().value());
        assertThat(graceStats.userId()).isEqualTo(graceUser.id());
        assertThat(graceStats.userName()).isEqualTo("Grace Hopper");
        assertThat(graceStats.userEmail()).isEqualTo(graceUser.email());
        assertWindow(graceStats.statistics().stream().map(day -> day.date()).toList(), today);
        assertThat(graceStats.statistics().stream().map(day -> day.data().codesIssued()))
                .startsWith(1L, 2L, 0L);
        List<List<String>> graceCsv = csv("/api/stats/realm/users/" + graceUser.id() + ".csv", realm, "grace-hopper");
        assertThat(graceCsv.getFirst()).containsExactlyElementsOf(StatsCsvHeaders.USER);
        assertThat(graceCsv).hasSize(Statistics.DAYS + 1);
        assertThat(graceCsv.get(2))
                .containsExactly(
                        yesterday.toString(),
                        realm.id().toString(),
                        Long.toString(graceUser.id()),
                        "Grace Hopper",
                        graceUser.email(),
                        "2");

        UpstreamStatsTypes.JsonExternalIssuerStat issuers =
                json("/api/stats/realm/external-issuers.json", realm, UpstreamStatsTypes.JsonExternalIssuerStat.class);
        assertWindow(issuers.statistics().stream().map(day -> day.date()).toList(), today);
        assertThat(issuers.statistics().getFirst().issuerData())
                .containsExactly(new UpstreamStatsTypes.JsonExternalIssuerStatIssuerData("lab-a", 1));
        assertThat(csv("/api/stats/realm/external-issuers.csv", realm, "external-issuer-stats")
                        .getFirst())
                .containsExactlyElementsOf(StatsCsvHeaders.EXTERNAL_ISSUERS);

        JsonSmsErrorStat smsErrors = json("/api/stats/realm/sms-errors.json", realm, JsonSmsErrorStat.class);
        assertWindow(smsErrors.statistics().stream().map(day -> day.date()).toList(), today);
        assertThat(smsErrors.statistics().get(0).errorData())
                .containsExactly(
                        new UpstreamStatsTypes.JsonSmsErrorStatErrorData("21211", 1),
                        new UpstreamStatsTypes.JsonSmsErrorStatErrorData("30003", 2));
        assertThat(smsErrors.statistics().get(1).errorData())
                .containsExactly(
                        new UpstreamStatsTypes.JsonSmsErrorStatErrorData("21211", 0),
                        new UpstreamStatsTypes.JsonSmsErrorStatErrorData("30003", 1));
        List<List<String>> smsCsv = csv("/api/stats/realm/sms-errors.csv", realm, "sms-error-stats");
        assertThat(smsCsv.getFirst()).containsExactlyElementsOf(StatsCsvHeaders.SMS_ERRORS);
        assertThat(smsCsv).hasSize(2 * Statistics.DAYS + 1);
        assertThat(smsCsv.get(2)).containsExactly(today.toString(), realm.id().toString(), "30003", "2");

        List<StatsDay> keyServer =
                UpstreamStatsTypes.decodeKeyServerDays(ok(api.get("/api/stats/realm/key-server.json", realm.statsKey()))
                        .body());
        assertWindow(keyServer.stream().map(StatsDay::day).toList(), today);
        StatsDay pulled = keyServer.get(1);
        assertThat(pulled.publishRequests()).isEqualTo(new UpstreamStatsTypes.PublishRequests(1, 20, 3));
        assertThat(pulled.totalTeksPublished()).isEqualTo(80);
        assertThat(pulled.revisionRequests()).isEqualTo(2);
        assertThat(pulled.tekAgeDistribution()).hasSize(17).startsWith(0L, 1L);
        assertThat(pulled.onsetToUploadDistribution()).containsExactly(5L, 4L, 3L);
        assertThat(pulled.requestsMissingOnsetDate()).isEqualTo(7);
        StatsDay notPulled = keyServer.get(0);
        assertThat(notPulled.publishRequests()).isEqualTo(new UpstreamStatsTypes.PublishRequests(0, 0, 0));
        assertThat(notPulled.tekAgeDistribution()).hasSize(16).containsOnly(0L);
        assertThat(notPulled.onsetToUploadDistribution()).hasSize(30).containsOnly(0L);
        List<List<String>> keyServerCsv = csv("/api/stats/realm/key-server.csv", realm, "key-server-stats");
        assertThat(keyServerCsv.getFirst()).containsExactlyElementsOf(StatsCsvHeaders.KEY_SERVER);
        assertThat(keyServerCsv).hasSize(Statistics.DAYS + 1);
        assertThat(keyServerCsv.get(2).subList(0, 8))
                .containsExactly(
                        yesterday.toString(),
                        "1",
                        "20",
                        "3",
                        "80",
                        "2",
                        "7",
                        "0|1|2|3|4|5|6|7|8|9|10|11|12|13|14|15|16");

        // the key server's oldest day with publishes opens the composite view, oldest first in the CSV
        JsonCompositeStat composite = json("/api/stats/realm/composite.json", realm, JsonCompositeStat.class);
        assertThat(composite.realmId()).isEqualTo(realm.id().value());
        assertThat(composite.hasKeyServerStats()).isTrue();
        assertThat(composite.statistics().stream().map(day -> day.date().value().toLocalDate()))
                .containsExactly(today, yesterday, today.minusDays(2), today.minusDays(3));
        JsonCompositeStatStatsData compositeYesterday =
                composite.statistics().get(1).data();
        assertThat(compositeYesterday.codesIssued()).isEqualTo(2);
        assertThat(compositeYesterday.totalPublishRequests()).isEqualTo(24);
        assertThat(compositeYesterday.publishRequests()).isEqualTo(pulled.publishRequests());
        assertThat(compositeYesterday.day().value())
                .as("upstream never sets the key server's own day in a composite day")
                .isEqualTo(OffsetDateTime.parse("0001-01-01T00:00:00Z"));
        assertThat(composite.statistics().get(0).data().codesInvalidByOs()).isEqualTo(todayData.codesInvalidByOs());
        List<List<String>> compositeCsv = csv("/api/stats/realm/composite.csv", realm, "composite-stats");
        assertThat(compositeCsv.getFirst()).containsExactlyElementsOf(StatsCsvHeaders.COMPOSITE);
        assertThat(compositeCsv.stream().skip(1).map(row -> row.getFirst()))
                .containsExactly(
                        today.minusDays(3).toString(),
                        today.minusDays(2).toString(),
                        yesterday.toString(),
                        today.toString());
        assertThat(compositeCsv.get(3).subList(0, 12))
                .containsExactly(yesterday.toString(), "2", "0", "0", "0", "0", "0", "", "1", "20", "3", "80");

        theStatisticsPagesChartTheSameCounts(realm, reader, graceUser, today);
    }

    /** Days in the page's charts run oldest first, so today is the last value of every series. */
    private void theStatisticsPagesChartTheSameCounts(TestRealm realm, UiClient reader, User grace, LocalDate today) {
        reader.signIn(
                TestUsers.member(users, memberships, realm.id(), Set.of(Permission.STATS_READ, Permission.USER_READ))
                        .email(),
                TestUsers.PASSWORD);
        UiClient.Page page = reader.get("/realm/stats");
        assertThat(page.status()).isEqualTo(200);
        JsonNode charts =
                CHARTS.readTree(page.attribute("#stats", "data-stats")).path("charts");
        assertThat(series(charts, "chart-tokens", 0)).endsWith(1L).hasSize(Statistics.DAYS);
        assertThat(series(charts, "chart-tokens", 1)).containsOnly(0L);
        assertThat(charts.path("chart-tokens")
                        .path("labels")
                        .path(Statistics.DAYS - 1)
                        .asString())
                .isEqualTo(today.toString());
        assertThat(List.of(
                        series(charts, "chart-user-reports", 0).getLast(),
                        series(charts, "chart-user-reports", 1).getLast(),
                        series(charts, "chart-user-reports", 2).getLast()))
                .containsExactly(1L, 1L, 1L);
        assertThat(charts.path("chart-sms-errors")
                        .path("datasets")
                        .valueStream()
                        .map(dataset -> dataset.path("label").asString()))
                .containsExactly("21211", "30003");
        assertThat(series(charts, "chart-sms-errors", 1)).endsWith(1L, 2L);
        assertThat(series(charts, "chart-sms-errors", 0)).endsWith(0L, 1L);
        assertThat(charts.path("chart-publishes").path("labels").valueStream().map(JsonNode::asString))
                .containsExactly(
                        today.minusDays(3).toString(),
                        today.minusDays(2).toString(),
                        today.minusDays(1).toString(),
                        today.toString());
        assertThat(series(charts, "chart-publishes", 0)).containsExactly(20L, 0L, 20L, 0L);
        assertThat(series(charts, "chart-publishes", 1)).containsExactly(3L, 0L, 3L, 0L);
        assertThat(series(charts, "chart-publishes", 2)).containsExactly(1L, 0L, 1L, 0L);
        assertThat(page.has("#chart-sms-errors")).isTrue();
        assertThat(page.has("#chart-publishes")).isTrue();
        assertThat(page.has("a[href='/realm/stats/sms-errors.csv']")).isTrue();
        assertThat(page.has("a[href='/realm/stats/composite.json']")).isTrue();
        assertThat(page.has("a[href='/realm/stats/users/" + grace.id() + "']")).isTrue();

        UiClient.Page gracePage = reader.get("/realm/stats/users/" + grace.id());
        assertThat(gracePage.status()).isEqualTo(200);
        assertThat(gracePage.text("h1")).isEqualTo("Grace Hopper");
        JsonNode graceCharts =
                CHARTS.readTree(gracePage.attribute("#stats", "data-stats")).path("charts");
        assertThat(series(graceCharts, "chart-detail", 0)).endsWith(2L, 1L).hasSize(Statistics.DAYS);
        assertThat(gracePage.has("a[href='/realm/stats/users/" + grace.id() + ".csv']"))
                .isTrue();
    }

    private static List<Long> series(JsonNode charts, String chart, int dataset) {
        return charts.path(chart)
                .path("datasets")
                .path(dataset)
                .path("data")
                .valueStream()
                .map(JsonNode::asLong)
                .toList();
    }

    @Test
    void everyFamilyOfARealmWithoutActivityDecodesInUpstreamsTypes() {
        TestRealm realm = TestRealm.create(realms, apiKeys);
        User member = TestUsers.member(users, memberships, realm.id(), Set.of(Permission.STATS_READ));
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);

        JsonRealmStat realmStats = json("/api/stats/realm.json", realm, JsonRealmStat.class);
        assertWindow(realmStats.statistics().stream().map(day -> day.date()).toList(), today);
        assertThat(realmStats.statistics()).allSatisfy(day -> {
            assertThat(day.data().codesIssued()).isZero();
            assertThat(day.data().codesInvalidByOs()).isEqualTo(new UpstreamStatsTypes.CodesInvalidByOsData(0, 0, 0));
            assertThat(day.data().codeClaimDistribution()).isEmpty();
        });
        assertThat(csv("/api/stats/realm.csv", realm, "realm-stats")).hasSize(Statistics.DAYS + 1);

        JsonUserStat memberStats = json("/api/stats/realm/users/" + member.id() + ".json", realm, JsonUserStat.class);
        assertWindow(memberStats.statistics().stream().map(day -> day.date()).toList(), today);
        assertThat(memberStats.userName()).isEqualTo("Test User");
        assertThat(csv("/api/stats/realm/users/" + member.id() + ".csv", realm, "test-user"))
                .hasSize(Statistics.DAYS + 1);

        List<StatsDay> keyServer =
                UpstreamStatsTypes.decodeKeyServerDays(ok(api.get("/api/stats/realm/key-server.json", realm.statsKey()))
                        .body());
        assertWindow(keyServer.stream().map(StatsDay::day).toList(), today);
        assertThat(csv("/api/stats/realm/key-server.csv", realm, "key-server-stats"))
                .hasSize(Statistics.DAYS + 1);

        for (String family : List.of("users", "external-issuers", "sms-errors", "composite")) {
            assertThat(ok(api.get("/api/stats/realm/" + family + ".json", realm.statsKey()))
                            .body())
                    .as("upstream's document of a list without rows")
                    .isEqualTo("{}");
            ApiClient.Response csv = ok(api.get("/api/stats/realm/" + family + ".csv", realm.statsKey()));
            assertThat(csv.header("Content-Disposition")).startsWith("attachment; filename=");
            assertThat(csv.body()).as("upstream writes no header without rows").isEmpty();
        }
    }

    private User caseWorker(TestRealm realm, String name, UiClient browser) {
        User user = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
        users.rename(user.id(), name);
        browser.signIn(user.email(), TestUsers.PASSWORD);
        return users.find(user.id()).orElseThrow();
    }

    private static void issueInBrowser(UiClient browser) {
        assertThat(browser.post("/codes/issue", Map.of("testType", "confirmed")).status())
                .as("issued, and redirected to the result")
                .isEqualTo(302);
    }

    private void pullKeyServer(TestRealm realm, LocalDate... days) throws Exception {
        keyServerRealm = realm;
        keyServerStats.enable(realm.id(), ThirdParties.server().baseUrl() + "/ks-" + realm.id(), null, Actor.system());
        String answer = "{\"days\":["
                + String.join(
                        ",",
                        java.util.Arrays.stream(days)
                                .map(day -> """
                                        {"day":"%sT00:00:00Z","publish_requests":{"unknown":1,"android":20,"ios":3},
                                         "total_teks_published":80,"requests_with_revisions":2,
                                         "tek_age_distribution":[0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16],
                                         "onset_to_upload_distribution":[5,4,3],"requests_missing_onset_date":7}""".formatted(day))
                                .toList())
                + "],\"padding\":\"\"}";
        ThirdParties.server()
                .stubFor(post(urlEqualTo("/ks-" + realm.id() + "/v1/stats")).willReturn(okJson(answer)));
        tasks.stream()
                .filter(task -> task.name().equals("statspuller"))
                .findFirst()
                .orElseThrow()
                .run(clock.instant());
    }

    private ApiClient.Response verify(TestRealm realm, String code, String nonce, String userAgent) {
        Map<String, Object> body = new HashMap<>();
        body.put("code", code);
        if (nonce != null) {
            body.put("nonce", nonce);
        }
        ApiClient client = userAgent == null ? api : api.withHeaders(Map.of("User-Agent", userAgent));
        return client.post("/api/verify", realm.deviceKey(), body);
    }

    private String nonce() {
        byte[] bytes = new byte[256];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private <T> T json(String path, TestRealm realm, Class<T> type) {
        ApiClient.Response response = ok(api.get(path, realm.statsKey()));
        assertThat(response.header("Content-Type")).startsWith("application/json");
        return UpstreamStatsTypes.decode(response.body(), type);
    }

    private List<List<String>> csv(String path, TestRealm realm, String fileName) {
        ApiClient.Response response = ok(api.get(path, realm.statsKey()));
        assertThat(response.header("Content-Type")).startsWith("text/csv");
        assertThat(response.header("Content-Disposition"))
                .matches("attachment; filename=\\d{14}-" + Pattern.quote(fileName) + "\\.csv");
        return StatsCsvHeaders.rows(response.body());
    }

    private static ApiClient.Response ok(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response;
    }

    /** Today and the 90 days before it, newest first, each at UTC midnight. */
    private static void assertWindow(List<UpstreamStatsTypes.GoTime> dates, LocalDate today) {
        assertThat(dates)
                .extracting(UpstreamStatsTypes.GoTime::value)
                .containsExactlyElementsOf(IntStream.range(0, Statistics.DAYS)
                        .mapToObj(back -> today.minusDays(back).atStartOfDay().atOffset(ZoneOffset.UTC))
                        .toList());
    }
}
