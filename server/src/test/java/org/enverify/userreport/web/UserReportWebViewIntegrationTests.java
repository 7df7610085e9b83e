package org.enverify.userreport.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.enverify.apikey.ApiKeys;
import org.enverify.realm.Realms;
import org.enverify.sms.TestSms;
import org.enverify.support.ApiClient;
import org.enverify.support.ApiClient.Response;
import org.enverify.support.MessagingIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.TestRealm;
import org.enverify.support.ThirdParties;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The user-report web page of the redirect role over HTTP: form, submission, SMS or the realm's webhook. */
@MessagingIntegrationTest
class UserReportWebViewIntegrationTests {

    private static final String HOST = "en.example.org";
    private static final Pattern SHORT_CODE = Pattern.compile("\\b\\d{8}\\b");

    @LocalServerPort
    int port;

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    ApiClient page;
    final Random random = new Random(11);

    @BeforeEach
    void setUp(ApiClient api) {
        page = api.onHost(HOST);
    }

    @AfterEach
    void reset() {
        ThirdParties.server().resetAll();
    }

    @Test
    void theFormIsShownInTheAskedLanguageAndItsSubmissionSendsTheSms(ApiClient api) {
        TestRealm realm = realm();
        String sid = "AC" + realm.id() + "web";
        TestSms.useAcceptingTwilio(context, realm.id(), sid);
        String nonce = nonce();

        Response spanish = open(realm, nonce, "es");
        assertThat(spanish.status()).isEqualTo(200);
        assertThat(spanish.body()).contains("Notificar un resultado positivo", "Fecha de su prueba");
        Response english = open(realm, nonce, "en");
        assertThat(english.body()).contains("Report a positive test", "Mobile phone number");
        assertThat(english.header("Content-Type")).startsWith("text/html");

        Response missingAgreement = submit(contextOf(english), today(), "+12065550160", false);
        assertThat(missingAgreement.status()).isEqualTo(422);
        assertThat(missingAgreement.body()).contains("Please confirm that you agree");
        Response badPhone = submit(contextOf(english), today(), "call me", true);
        assertThat(badPhone.status()).isEqualTo(422);
        assertThat(badPhone.body()).contains("valid mobile phone number");
        assertThat(TestSms.sent(sid)).isEmpty();

        Response issued = submit(contextOf(english), today(), "(206) 555-0160", true);

        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
        assertThat(issued.body()).contains("Thank you");
        String code = shortCode(TestSms.sent(sid).getFirst().get("Body"));
        assertThat(api.post("/api/verify", realm.deviceKey(), Map.of("code", code))
                        .errorCode())
                .isEqualTo("code_invalid");
        assertThat(api.post("/api/verify", realm.deviceKey(), Map.of("code", code, "nonce", nonce))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void theRealmsWebhookGetsTheSignedSmsInsteadOfTwilio() throws Exception {
        TestRealm realm = realm();
        String sid = "AC" + realm.id() + "hook";
        TestSms.useAcceptingTwilio(context, realm.id(), sid);
        String secret = "a-webhook-secret-" + realm.id();
        String path = "/report-hook/" + realm.id();
        TestSms.useReportWebhook(
                context, realm.id(), "http://localhost:" + ThirdParties.server().port() + path, secret);
        ThirdParties.server()
                .stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        String nonce = nonce();

        Response issued = submit(contextOf(open(realm, nonce, "en")), today(), "+12065550161", true);

        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
        assertThat(TestSms.sent(sid)).as("no SMS through Twilio").isEmpty();
        List<LoggedRequest> received = ThirdParties.server().findAll(postRequestedFor(urlEqualTo(path)));
        assertThat(received).hasSize(1);
        byte[] body = received.getFirst().getBody();
        Mac mac = Mac.getInstance("HmacSHA512");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
        assertThat(received.getFirst().getHeader("X-Signature"))
                .isEqualTo(HexFormat.of().formatHex(mac.doFinal(body)));
        JsonNode json = JsonMapper.builder().build().readTree(body);
        assertThat(json.path("phone").asString()).isEqualTo("+12065550161");
        String code = shortCode(json.path("generatedSMS").asString());
        assertThat(json.path("code").asString()).isEqualTo(code);
        assertThat(new ApiClient(port)
                        .post("/api/verify", realm.deviceKey(), Map.of("code", code, "nonce", nonce))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aFailingWebhookLeavesNoCode() {
        TestRealm realm = realm();
        String path = "/failing-hook/" + realm.id();
        TestSms.useReportWebhook(
                context, realm.id(), "http://localhost:" + ThirdParties.server().port() + path, "a-long-enough-secret");
        ThirdParties.server()
                .stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(500)));

        Response response = submit(contextOf(open(realm, nonce(), "en")), today(), "+12065550162", true);

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body()).contains("Something went wrong");
        assertThat(jdbc.sql("SELECT count(*) FROM verification_codes WHERE realm_id = ?")
                        .param(realm.id().value())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void thePageNeedsAKeyARealmThatOffersItAndANonce() {
        TestRealm realm = realm();
        assertThat(page.get("/report", Map.of("X-Nonce", nonce())).status()).isEqualTo(401);
        assertThat(page.get("/report", Map.of("X-API-Key", realm.deviceKey())).status())
                .isEqualTo(400);
        Response shortNonce = page.get(
                "/report",
                Map.of(
                        "X-API-Key",
                        realm.deviceKey(),
                        "X-Nonce",
                        Base64.getEncoder().encodeToString(new byte[16])));
        assertThat(shortNonce.status()).isEqualTo(400);
        assertThat(shortNonce.body()).doesNotContain("<form");
        TestRealm withoutView = TestRealm.create(
                realms, apiKeys, Map.of("require_date", "false", "allowed_test_types", "confirmed,user-report"));
        assertThat(page.get("/report", Map.of("X-API-Key", withoutView.deviceKey(), "X-Nonce", nonce()))
                        .status())
                .isEqualTo(404);
        assertThat(submit("forged", today(), "+12065550163", true).status()).isEqualTo(400);
    }

    private TestRealm realm() {
        Map<String, String> settings = new HashMap<>(Map.of(
                "require_date", "false",
                "allowed_test_types", "confirmed,user-report",
                "allow_user_report_web_view", "true"));
        return TestRealm.create(realms, apiKeys, settings);
    }

    private Response open(TestRealm realm, String nonce, String language) {
        return page.get(
                "/report", Map.of("X-API-Key", realm.deviceKey(), "X-Nonce", nonce, "Accept-Language", language));
    }

    private Response submit(String formContext, String testDate, String phone, boolean agreement) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("context", formContext);
        form.put("testDate", testDate);
        form.put("phone", phone);
        if (agreement) {
            form.put("agreement", "true");
        }
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return page.postWithHeaders(
                "/report", Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept-Language", "en"), body);
    }

    private static String contextOf(Response response) {
        Element context = Jsoup.parse(response.body()).selectFirst("input[name=context]");
        assertThat(context).as(response.body()).isNotNull();
        return context.attr("value");
    }

    private String today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
    }

    private String nonce() {
        byte[] bytes = new byte[256];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String shortCode(String sms) {
        Matcher matcher = SHORT_CODE.matcher(sms);
        assertThat(matcher.find()).as(sms).isTrue();
        return matcher.group();
    }
}
