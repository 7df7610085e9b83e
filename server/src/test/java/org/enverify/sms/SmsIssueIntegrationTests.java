package org.enverify.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.enverify.apikey.ApiKeys;
import org.enverify.platform.Actor;
import org.enverify.platform.crypto.EcKeys;
import org.enverify.realm.Realm;
import org.enverify.realm.Realms;
import org.enverify.support.ApiClient;
import org.enverify.support.ApiClient.Response;
import org.enverify.support.MessagingIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.TestRealm;
import org.enverify.support.ThirdParties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Issuing with a phone number over real HTTP while WireMock plays Twilio: what Twilio receives, and
 * that every refusal leaves no code behind.
 */
@MessagingIntegrationTest
class SmsIssueIntegrationTests {

    private static final String PHONE = "+12065550100";
    private static final Pattern LONG_CODE = Pattern.compile("\\b[a-z0-9]{16}\\b");

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    SmsSenders senders;

    @Autowired
    SmsSigningKeys keys;

    @Autowired
    SmsTemplates templates;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    ApiClient api;
    WireMockServer twilio = ThirdParties.server();

    @BeforeEach
    void setUp(ApiClient api) {
        this.api = api;
    }

    @AfterEach
    void reset() {
        twilio.resetAll();
    }

    @Test
    void twilioReceivesTheSmsWithBasicAuthAndTheLongCodeVerifies() {
        TestRealm realm = realm("sms_text_template", "Your code: [longcode] for [longexpires] hours");
        String sid = "AC" + realm.id() + "ok";
        TestSms.useAcceptingTwilio(context, realm.id(), sid);

        JsonNode issued = issueOk(realm, "(206) 555-0100");

        assertThat(issued.has("generatedSMS")).isFalse();
        List<Map<String, String>> sent = TestSms.sent(sid);
        assertThat(sent).hasSize(1);
        assertThat(sent.getFirst()).containsEntry("To", PHONE).containsEntry("From", "+15550002222");
        String body = sent.getFirst().get("Body");
        assertThat(body).startsWith("Your code: ").endsWith(" for 24 hours");
        twilio.verify(postRequestedFor(urlEqualTo(TestSms.messagesPath(sid)))
                .withHeader(
                        "Authorization",
                        equalTo("Basic "
                                + Base64.getEncoder()
                                        .encodeToString((sid + ":token-" + sid).getBytes(StandardCharsets.UTF_8)))));
        Matcher longCode = LONG_CODE.matcher(body);
        assertThat(longCode.find()).isTrue();
        Response verified = api.post("/api/verify", realm.deviceKey(), Map.of("code", longCode.group()));
        assertThat(verified.status()).isEqualTo(200);
    }

    @Test
    void aMessagingServiceSidIsSentAsSuch() {
        TestRealm realm = realm();
        String sid = "AC" + realm.id() + "mg";
        TestSms.useAcceptingTwilio(context, realm.id(), sid);
        senders.useOwnTwilio(realm.id(), sid, "token-" + sid, "MG0123", null, Actor.cli());

        issueOk(realm, PHONE);

        assertThat(TestSms.sent(sid).getFirst())
                .containsEntry("MessagingServiceSid", "MG0123")
                .doesNotContainKey("From");
    }

    @Test
    void aRealmOnTheSystemAccountSendsFromTheChosenNumber() {
        TestRealm realm = realm();
        TestSms.useAcceptingTwilio(context, realm.id(), "ACsystem");
        realms.update(realm.id(), Map.of("can_use_system_sms_config", "true"), Actor.system());
        senders.useSystem(realm.id(), "main", Actor.cli());

        issueOk(realm, PHONE);

        assertThat(TestSms.sent("ACsystem"))
                .singleElement()
                .satisfies(form -> assertThat(form).containsEntry("From", "+15550001111"));
        assertThatThrownBy(() -> senders.useSystem(realm.id(), "unknown", Actor.cli()))
                .hasMessageContaining("No system sender number is labelled 'unknown'");
    }

    @Test
    void queueFullIsItsOwnErrorAndNoCodeRemains() {
        TestRealm realm = ownTwilio(aResponse()
                .withStatus(429)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\":21611,\"message\":\"queue of +12065550100 full\",\"status\":429}"));

        Response response = issue(realm, PHONE);

        assertError(response, 400, "sms_queue_full");
        assertThat(response.body()).doesNotContain("2065550100");
        assertThat(codes(realm)).isZero();
    }

    @Test
    void aServerErrorIsNotRetriedAndNoCodeRemains() {
        TestRealm realm = ownTwilio(aResponse().withStatus(503).withBody("{\"code\":20500,\"status\":503}"));

        assertError(issue(realm, PHONE), 400, "sms_failure");

        assertThat(TestSms.sent("AC" + realm.id())).hasSize(1);
        assertThat(codes(realm)).isZero();
    }

    @Test
    void htmlInsteadOfTwilioJsonIsAFailure() {
        TestRealm realm = ownTwilio(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "text/html")
                .withBody("<html>proxy</html>"));

        Response response = issue(realm, PHONE);

        assertError(response, 400, "sms_failure");
        assertThat(response.json().path("error").asString()).contains("without a message id");
        assertThat(codes(realm)).isZero();
    }

    @Test
    void aTimeoutIsRetriedThenFailsAndNoCodeRemains() {
        TestRealm realm = ownTwilio(
                aResponse().withStatus(201).withBody("{\"sid\":\"SM1\"}").withFixedDelay(4000));

        assertError(issue(realm, PHONE), 400, "sms_failure");

        assertThat(TestSms.sent("AC" + realm.id())).as("three attempts").hasSize(3);
        assertThat(codes(realm)).isZero();
    }

    @Test
    void aBrokenConnectionIsRetriedAndASecondAttemptCanSucceed() {
        TestRealm realm = realm();
        String sid = "AC" + realm.id();
        senders.useOwnTwilio(realm.id(), sid, "token", "+15550002222", null, Actor.cli());
        twilio.stubFor(post(urlEqualTo(TestSms.messagesPath(sid)))
                .inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
                .willSetStateTo("recovered"));
        twilio.stubFor(post(urlEqualTo(TestSms.messagesPath(sid)))
                .inScenario("flaky")
                .whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(201).withBody("{\"sid\":\"SM1\"}")));

        issueOk(realm, PHONE);

        assertThat(TestSms.sent(sid)).hasSize(2);
        assertThat(codes(realm)).isEqualTo(1);
    }

    @Test
    void batchIssueSendsEachSmsAndReportsTheRefusedOne() {
        TestRealm realm = realm("allow_bulk_upload", "true");
        String sid = "AC" + realm.id();
        senders.useOwnTwilio(realm.id(), sid, "token", "+15550002222", null, Actor.cli());
        twilio.stubFor(post(urlEqualTo(TestSms.messagesPath(sid)))
                .withRequestBody(WireMock.containing("To=%2B12065550100"))
                .willReturn(aResponse().withStatus(201).withBody("{\"sid\":\"SM1\"}")));
        twilio.stubFor(post(urlEqualTo(TestSms.messagesPath(sid)))
                .withRequestBody(WireMock.containing("To=%2B12065550101"))
                .willReturn(aResponse().withStatus(400).withBody("{\"code\":21211,\"status\":400}")));

        Response response = api.post(
                "/api/batch-issue",
                realm.adminKey(),
                Map.of(
                        "codes",
                        List.of(
                                Map.of("testType", "confirmed", "phone", "+12065550100"),
                                Map.of("testType", "confirmed", "phone", "+12065550101"))));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("errorCode").asString()).isEqualTo("sms_failure");
        assertThat(response.json().path("codes").get(0).has("uuid")).isTrue();
        assertThat(response.json().path("codes").get(1).path("errorCode").asString())
                .isEqualTo("sms_failure");
        assertThat(codes(realm)).isEqualTo(1);
    }

    @ParameterizedTest(name = "phone \"{0}\"")
    @ValueSource(
            strings = {
                "555-0100",
                "0206 555 0100",
                "call me",
                "+1 206 CALL NOW",
                "1234567890123456789012345678901234567890"
            })
    void invalidPhonesAreRefusedBeforeAnythingIsSent(String phone) {
        TestRealm realm = ownTwilio(aResponse().withStatus(201).withBody("{\"sid\":\"SM1\"}"));

        assertError(issue(realm, phone), 400, "phone_number_invalid");

        assertThat(TestSms.sent("AC" + realm.id())).isEmpty();
        assertThat(codes(realm)).isZero();
    }

    @Test
    void anIssuerPicksANamedTemplate() {
        TestRealm realm = realm();
        String sid = "AC" + realm.id();
        TestSms.useAcceptingTwilio(context, realm.id(), sid);
        Realm stored = realms.find(realm.id()).orElseThrow();
        templates.save(stored, "Spanish", "Su código: [code]\n  vence en [expires] minutos", Actor.cli());

        Response refused = api.post(
                "/api/issue",
                realm.adminKey(),
                Map.of("testType", "confirmed", "phone", PHONE, "smsTemplateLabel", "Klingon"));
        assertError(refused, 400, "unparsable_request");
        JsonNode issued = api.post(
                        "/api/issue",
                        realm.adminKey(),
                        Map.of("testType", "confirmed", "phone", PHONE, "smsTemplateLabel", "Spanish"))
                .json();

        assertThat(TestSms.sent(sid))
                .singleElement()
                .satisfies(form -> assertThat(form.get("Body"))
                        .isEqualTo("Su código: " + issued.path("code").asString() + " vence en 15 minutos"));
        assertThat(codes(realm)).isEqualTo(1);
        assertThat(templates.list(stored)).containsKeys("Default SMS template", "Spanish");
    }

    @Test
    void templatesThatBreakTheRulesAreRefused() {
        Realm realm = realms.find(realm().id()).orElseThrow();

        assertThatThrownBy(() -> templates.save(realm, "none", "no code here", Actor.cli()))
                .hasMessageContaining("exactly one of");
        assertThatThrownBy(() -> templates.save(realm, "both", "[code] and [longcode]", Actor.cli()))
                .hasMessageContaining("exactly one of");
        assertThatThrownBy(() -> templates.save(realm, "link", "[enslink] [longcode]", Actor.cli()))
                .hasMessageContaining("EN Express");
        assertThatThrownBy(() -> templates.save(realm, "User Report", "[code] in [longexpires] hours", Actor.cli()))
                .hasMessageContaining("[longexpires]");
        assertThatThrownBy(() -> templates.save(realm, "long", "[code] " + "x".repeat(800), Actor.cli()))
                .hasMessageContaining("at most 800");
        assertThatThrownBy(() -> templates.save(realm, "Default SMS template", "[code]", Actor.cli()))
                .hasMessageContaining("reserved");
        assertThat(templates.list(realm)).containsOnlyKeys("Default SMS template");
    }

    @Test
    void authenticatedSmsCarriesASignatureThePublicKeyVerifies() throws Exception {
        TestRealm realm = realm("use_authenticated_sms", "true");
        String sid = "AC" + realm.id();
        TestSms.useAcceptingTwilio(context, realm.id(), sid);
        SmsSigningKeys.KeyInfo key = keys.create(realm.id(), Actor.cli());
        keys.activate(realm.id(), key.id(), Actor.cli());

        issueOk(realm, PHONE);

        String body = TestSms.sent(sid).getFirst().get("Body");
        int mark = body.lastIndexOf(" \nAuthentication:") + " \nAuthentication:".length();
        String signed = body.substring(0, mark);
        String[] fields = body.substring(mark).split(":");
        assertThat(fields).hasSize(3);
        String day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
        assertThat(fields[0]).isEqualTo(day.substring(5, 7) + day.substring(8, 10));
        assertThat(fields[1]).isEqualTo("r" + realm.id() + "v" + key.id() + "sms");
        Signature ecdsa = Signature.getInstance("SHA256withECDSA");
        ecdsa.initVerify(EcKeys.publicKey(key.publicKey()));
        ecdsa.update(("EN Report." + PHONE + "." + day + "." + signed).getBytes(StandardCharsets.UTF_8));
        assertThat(ecdsa.verify(Base64.getDecoder().decode(fields[2]))).isTrue();
    }

    @Test
    void withoutAnActiveKeyTheSmsGoesUnsignedUnlessTheRealmFailsClosed() {
        TestRealm open = realm("use_authenticated_sms", "true");
        TestSms.useAcceptingTwilio(context, open.id(), "AC" + open.id());
        issueOk(open, PHONE);
        assertThat(TestSms.sent("AC" + open.id()).getFirst().get("Body")).doesNotContain("Authentication:");

        TestRealm closed = realm("use_authenticated_sms", "true", "sms_fail_closed", "true");
        TestSms.useAcceptingTwilio(context, closed.id(), "AC" + closed.id());
        SmsSigningKeys.KeyInfo key = keys.create(closed.id(), Actor.cli());
        keys.activate(closed.id(), key.id(), Actor.cli());
        keys.disable(closed.id(), key.id(), Actor.cli());

        assertError(issue(closed, PHONE), 400, "sms_failure");
        assertThat(TestSms.sent("AC" + closed.id())).isEmpty();
        assertThat(codes(closed)).isZero();
    }

    @Test
    void onlyGenerateSmsReturnsTheTextAndSendsNothing() {
        TestRealm realm = realm("allow_generated_sms", "true");
        TestSms.useAcceptingTwilio(context, realm.id(), "AC" + realm.id());

        JsonNode issued = api.post(
                        "/api/issue",
                        realm.adminKey(),
                        Map.of("testType", "confirmed", "phone", PHONE, "onlyGenerateSMS", true))
                .json();

        assertThat(issued.path("generatedSMS").asString()).contains("Exposure Notifications");
        assertThat(TestSms.sent("AC" + realm.id())).isEmpty();
    }

    private TestRealm ownTwilio(ResponseDefinitionBuilder answer) {
        TestRealm realm = realm();
        String sid = "AC" + realm.id();
        senders.useOwnTwilio(realm.id(), sid, "token", "+15550002222", null, Actor.cli());
        twilio.stubFor(post(urlEqualTo(TestSms.messagesPath(sid))).willReturn(answer));
        return realm;
    }

    private TestRealm realm(String... settings) {
        Map<String, String> all = new HashMap<>(Map.of("require_date", "false"));
        for (int i = 0; i < settings.length; i += 2) {
            all.put(settings[i], settings[i + 1]);
        }
        return TestRealm.create(realms, apiKeys, all);
    }

    private Response issue(TestRealm realm, String phone) {
        return api.post("/api/issue", realm.adminKey(), Map.of("testType", "confirmed", "phone", phone));
    }

    private JsonNode issueOk(TestRealm realm, String phone) {
        Response response = issue(realm, phone);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private long codes(TestRealm realm) {
        return jdbc.sql("SELECT count(*) FROM verification_codes WHERE realm_id = ?")
                .param(realm.id().value())
                .query(Long.class)
                .single();
    }

    static void assertError(Response response, int status, String errorCode) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.errorCode()).isEqualTo(errorCode);
    }
}
