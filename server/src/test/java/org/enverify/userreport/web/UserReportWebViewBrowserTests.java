package org.enverify.userreport.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.enverify.apikey.ApiKeys;
import org.enverify.realm.Realms;
import org.enverify.sms.TestSms;
import org.enverify.support.Browser;
import org.enverify.support.BrowserTest;
import org.enverify.support.MessagingIntegrationTest;
import org.enverify.support.TestRealm;
import org.enverify.support.ThirdParties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The user-report web view in Chromium, opened as a phone app opens it (DEVICE key and nonce in headers, on the
 * redirect host): the person fills in the form, and the realm's SMS webhook receives the signed SMS.
 */
@BrowserTest
@MessagingIntegrationTest
class UserReportWebViewBrowserTests {

    private static final String HOST = "en.example.org";

    @RegisterExtension
    final Browser browser = new Browser("en");

    @LocalServerPort
    int port;

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    ApplicationContext context;

    @AfterEach
    void reset() {
        ThirdParties.server().resetAll();
    }

    @Test
    void thePersonsReportReachesTheRealmsWebhookSigned() throws Exception {
        TestRealm realm = TestRealm.create(
                realms,
                apiKeys,
                Map.of(
                        "require_date", "false",
                        "allowed_test_types", "confirmed,user-report",
                        "allow_user_report_web_view", "true"));
        String secret = "browser-webhook-secret-" + realm.id();
        String path = "/browser-report-hook/" + realm.id();
        TestSms.useReportWebhook(
                context, realm.id(), "http://localhost:" + ThirdParties.server().port() + path, secret);
        ThirdParties.server()
                .stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        byte[] nonce = new byte[256];
        new Random(5).nextBytes(nonce);

        browser.mapHost(HOST).open(port);
        browser.sendHeaders(Map.of(
                "X-API-Key", realm.deviceKey(), "X-Nonce", Base64.getEncoder().encodeToString(nonce)));
        browser.go("http://" + HOST + ":" + port + "/report");
        assertThat(browser.text("h1")).contains("Report a positive test");
        browser.type("#phone", "+12065550188").click("#agreement");
        browser.screenshot("form");
        browser.clickAndWait("form button[type=submit]");

        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Thank you"));
        // the redirect host serves the report page and app links only, no favicon
        assertThat(browser.consoleProblems())
                .filteredOn(problem -> !problem.contains("/favicon.ico"))
                .isEmpty();
        List<LoggedRequest> received = ThirdParties.server().findAll(postRequestedFor(urlEqualTo(path)));
        assertThat(received).hasSize(1);
        byte[] body = received.getFirst().getBody();
        Mac mac = Mac.getInstance("HmacSHA512");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
        assertThat(received.getFirst().getHeader("X-Signature"))
                .isEqualTo(HexFormat.of().formatHex(mac.doFinal(body)));
        JsonNode sms = JsonMapper.builder().build().readTree(body);
        assertThat(sms.path("phone").asString()).isEqualTo("+12065550188");
        assertThat(sms.path("generatedSMS").asString())
                .contains(sms.path("code").asString());
    }
}
