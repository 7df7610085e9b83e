package org.enverify.userreport.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.enverify.apikey.ApiKeys;
import org.enverify.realm.Realms;
import org.enverify.sms.TestSms;
import org.enverify.support.ApiClient;
import org.enverify.support.ApiClient.Response;
import org.enverify.support.MessagingIntegrationTest;
import org.enverify.support.TestRealm;
import org.enverify.support.ThirdParties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The user-report flow over real HTTP: a phone asks, the SMS arrives, the same phone verifies with its nonce. */
@MessagingIntegrationTest
class UserReportIntegrationTests {

    private static final Pattern SHORT_CODE = Pattern.compile("\\b\\d{8}\\b");

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    final Random random = new Random(7);

    @BeforeEach
    void setUp(ApiClient api) {
        this.api = api;
    }

    @AfterEach
    void reset() {
        ThirdParties.server().resetAll();
    }

    @Test
    void aReportedCodeVerifiesOnlyWithTheNonceOfThePhoneThatAskedForIt() {
        TestRealm realm = realm();
        String sid = twilio(realm);
        String nonce = nonce();

        Response reported = report(realm, "(206) 555-0142", nonce);

        assertThat(reported.status()).as(reported.body()).isEqualTo(200);
        assertThat(reported.json().path("expiresAtTimestamp").asLong()).isPositive();
        assertThat(reported.json().path("expiresAt").asString()).endsWith(" UTC");
        assertThat(TestSms.sent(sid)).singleElement().satisfies(form -> {
            assertThat(form).containsEntry("To", "+12065550142");
            assertThat(form.get("Body")).startsWith("Your requested Exposure Notifications code: ");
        });
        String code = shortCode(TestSms.sent(sid).getFirst().get("Body"));

        assertThat(verify(realm, code, null).errorCode()).isEqualTo("code_invalid");
        assertThat(verify(realm, code, nonce()).errorCode()).isEqualTo("code_invalid");
        assertThat(verify(realm, code, "not base64!").errorCode()).isEqualTo("unparsable_request");
        assertThat(verify(realm, code, nonce, "confirmed").errorCode())
                .as("a phone that does not accept user reports")
                .isEqualTo("unsupported_test_type");

        Response verified = verify(realm, code, nonce);
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(verified.json().path("testtype").asString()).isEqualTo("user-report");
        assertThat(verify(realm, code, nonce).errorCode()).isEqualTo("code_invalid");
        assertThat(jdbc.sql("SELECT count(*) FROM user_reports WHERE realm_id = ? AND claimed_at IS NOT NULL")
                        .param(realm.id().value())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aRepeatedPhoneGetsTheSameAnswerButNoSmsNoCodeAndNoQuota() {
        TestRealm realm = realm("abuse_prevention_enabled", "true", "abuse_prevention_limit", "1");
        String sid = twilio(realm);

        Response first = report(realm, "+12065550143", nonce());
        Response repeat = report(realm, "206-555-0143", nonce());

        assertThat(first.status()).isEqualTo(200);
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.json().propertyNames())
                .containsExactlyInAnyOrderElementsOf(first.json().propertyNames());
        assertThat(repeat.json().path("expiresAtTimestamp").asLong()).isPositive();
        assertThat(TestSms.sent(sid)).hasSize(1);
        assertThat(codes(realm)).isEqualTo(1);
        assertThat(report(realm, "+12065550144", nonce()).errorCode())
                .as("the repeat used no quota, the first used the only one")
                .isEqualTo("quota_exceeded");
        assertThat(report(realm, "+12065550143", nonce()).status())
                .as("a repeat is not told about the quota either")
                .isEqualTo(200);
    }

    @Test
    void badRequestsAreRefusedWithTheirOwnCodes() {
        TestRealm realm = realm();
        String sid = twilio(realm);

        assertThat(api.post("/api/user-report", realm.deviceKey(), Map.of("phone", "+12065550145"))
                        .errorCode())
                .isEqualTo("missing_nonce");
        assertThat(report(realm, "+12065550145", "").errorCode()).isEqualTo("missing_nonce");
        assertThat(report(realm, "", nonce()).errorCode()).isEqualTo("missing_phone");
        assertThat(api.post("/api/user-report", realm.deviceKey(), Map.of("nonce", nonce()))
                        .errorCode())
                .isEqualTo("missing_phone");
        assertThat(report(realm, "+12065550145", "%%%").errorCode()).isEqualTo("unparsable_request");
        assertThat(report(realm, "+12065550145", Base64.getEncoder().encodeToString(new byte[255]))
                        .errorCode())
                .isEqualTo("unparsable_request");
        for (String phone : new String[] {"555-0100", "call me", "1234567890123456789012345678901234567890"}) {
            Response response = report(realm, phone, nonce());
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.errorCode()).isEqualTo("phone_number_invalid");
            assertThat(response.body()).doesNotContain(phone);
        }
        assertThat(api.post("/api/user-report", realm.deviceKey(), "{\"phone\":1}")
                        .errorCode())
                .isEqualTo("unparsable_request");
        assertThat(api.post(
                                "/api/user-report",
                                realm.deviceKey(),
                                Map.of("phone", "+12065550145", "nonce", nonce(), "testDate", "2020-01-01"))
                        .errorCode())
                .isEqualTo("invalid_date");
        assertThat(report(realm, "+12065550145", nonce()).status())
                .as("none of the refusals kept the phone from reporting")
                .isEqualTo(200);
        assertThat(TestSms.sent(sid)).hasSize(1);

        TestRealm noReports = TestRealm.create(realms, apiKeys);
        assertThat(report(noReports, "+12065550146", nonce()).errorCode()).isEqualTo("unsupported_test_type");
    }

    @Test
    void aRefusedSmsLeavesNeitherCodeNorReportSoThePhoneCanAskAgain() {
        TestRealm realm = realm();
        String sid = twilio(realm);
        ThirdParties.server()
                .stubFor(post(urlEqualTo(TestSms.messagesPath(sid)))
                        .atPriority(1)
                        .willReturn(aResponse().withStatus(500).withBody("<html>down</html>")));

        assertThat(report(realm, "+12065550147", nonce()).errorCode()).isEqualTo("sms_failure");
        assertThat(codes(realm)).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM user_reports WHERE realm_id = ?")
                        .param(realm.id().value())
                        .query(Long.class)
                        .single())
                .isZero();

        ThirdParties.server().resetAll();
        twilio(realm);
        assertThat(report(realm, "+12065550147", nonce()).status()).isEqualTo(200);
    }

    @Test
    void adminIssuedUserReportsNeedTheSettingAPhoneAndNoNonce() {
        TestRealm realm = realm("allow_admin_user_report", "true");
        String sid = twilio(realm);

        Response withoutPhone = api.post("/api/issue", realm.adminKey(), Map.of("testType", "user-report"));
        assertThat(withoutPhone.errorCode()).isEqualTo("missing_phone");
        Response issued =
                api.post("/api/issue", realm.adminKey(), Map.of("testType", "user-report", "phone", "+12065550148"));
        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
        assertThat(issued.json().path("longExpiresAtTimestamp").asLong())
                .isEqualTo(issued.json().path("expiresAtTimestamp").asLong());
        Response again =
                api.post("/api/issue", realm.adminKey(), Map.of("testType", "user-report", "phone", "+12065550148"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo("user_report_try_later");
        assertThat(report(realm, "+12065550148", nonce()).status())
                .as("the phone's own request is answered as if new")
                .isEqualTo(200);
        assertThat(TestSms.sent(sid)).hasSize(1);

        Response verified = verify(realm, issued.json().path("code").asString(), null);
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);

        TestRealm notAllowed = realm();
        assertThat(api.post(
                                "/api/issue",
                                notAllowed.adminKey(),
                                Map.of("testType", "user-report", "phone", "+12065550149"))
                        .errorCode())
                .isEqualTo("unsupported_test_type");
    }

    private TestRealm realm(String... settings) {
        Map<String, String> all =
                new HashMap<>(Map.of("require_date", "false", "allowed_test_types", "confirmed,user-report"));
        for (int i = 0; i < settings.length; i += 2) {
            all.put(settings[i], settings[i + 1]);
        }
        return TestRealm.create(realms, apiKeys, all);
    }

    private String twilio(TestRealm realm) {
        String sid = "AC" + realm.id() + "ur";
        TestSms.useAcceptingTwilio(context, realm.id(), sid);
        return sid;
    }

    private String nonce() {
        byte[] bytes = new byte[256];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private Response report(TestRealm realm, String phone, String nonce) {
        return api.post("/api/user-report", realm.deviceKey(), Map.of("phone", phone, "nonce", nonce));
    }

    private Response verify(TestRealm realm, String code, String nonce, String... accept) {
        Map<String, Object> body = new HashMap<>();
        body.put("code", code);
        if (nonce != null) {
            body.put("nonce", nonce);
        }
        if (accept.length > 0) {
            body.put("accept", List.of(accept));
        }
        return api.post("/api/verify", realm.deviceKey(), body);
    }

    private long codes(TestRealm realm) {
        return jdbc.sql("SELECT count(*) FROM verification_codes WHERE realm_id = ?")
                .param(realm.id().value())
                .query(Long.class)
                .single();
    }

    private static String shortCode(String sms) {
        Matcher matcher = SHORT_CODE.matcher(sms);
        assertThat(matcher.find()).as("a short code in the SMS").isTrue();
        return matcher.group();
    }
}
