package org.enverify.code.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.enverify.account.Memberships;
import org.enverify.account.User;
import org.enverify.account.Users;
import org.enverify.apikey.ApiKeys;
import org.enverify.platform.Actor;
import org.enverify.realm.Permission;
import org.enverify.realm.Realms;
import org.enverify.sms.SmsTemplates;
import org.enverify.support.ApiClient;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.enverify.support.UiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A case worker signs in, issues a code in the browser, and a phone verifies it over the device API. */
@EnverifyIntegrationTest
class CaseWorkerPagesIntegrationTests {

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    Users users;

    @Autowired
    Memberships memberships;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    SmsTemplates smsTemplates;

    TestRealm realm;
    UiClient browser;

    @BeforeEach
    void setUp(UiClient browser) {
        realm = TestRealm.create(realms, apiKeys);
        this.browser = browser;
    }

    @Test
    void issuedCodeVerifiesOnThePhone(ApiClient api) {
        User worker = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
        UiClient.Page landing = browser.signIn(worker.email(), TestUsers.PASSWORD);
        assertThat(landing.status()).isEqualTo(200);
        assertThat(landing.body()).contains("name=\"testType\"").contains("value=\"confirmed\"");

        String today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
        UiClient.Page issued =
                browser.post("/codes/issue", Map.of("testType", "confirmed", "symptomDate", today, "phone", ""));
        assertThat(issued.status()).isEqualTo(200);
        String code = issued.text("#issued .code-display");
        String uuid = issued.text("#issued p > code");
        assertThat(issued.body()).contains("data-expires-at=");

        ApiClient.Response verified = api.post("/api/verify", realm.deviceKey(), "{\"code\":\"" + code + "\"}");
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.json().path("testtype").asString()).isEqualTo("confirmed");

        UiClient.Page status = browser.get("/codes/status?uuid=" + uuid);
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.body()).contains("Used").contains(uuid);
        assertThat(jdbc.sql("SELECT issuing_user_id FROM verification_codes WHERE realm_id = ? AND uuid = ?::uuid")
                        .params(realm.id().value(), uuid)
                        .query(Long.class)
                        .single())
                .isEqualTo(worker.id());
    }

    @Test
    void refusedInputRerendersWithFieldMessagesAndStoresNothing() {
        User worker = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
        browser.signIn(worker.email(), TestUsers.PASSWORD);
        for (Map<String, String> form : List.of(
                Map.of("testType", "<script>alert(1)</script>"),
                Map.of("testType", "confirmed", "symptomDate", "2020-13-45"),
                Map.of("testType", "confirmed", "symptomDate", "'; DROP TABLE realms; --"),
                Map.of("testType", "confirmed", "testDate", "1999-01-01"),
                Map.of("testType", "💥".repeat(500)))) {
            UiClient.Page refused = browser.post("/codes/issue", form);
            assertThat(refused.status()).as(form.toString()).isEqualTo(422);
            assertThat(refused.body()).contains("invalid-feedback").doesNotContain("<script>alert(1)</script>");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM verification_codes WHERE realm_id = ?")
                        .param(realm.id().value())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void formsWithoutOrWithAForgedCsrfTokenAreRefused() {
        User worker = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
        browser.signIn(worker.email(), TestUsers.PASSWORD);
        assertThat(browser.postExactly("/codes/issue", Map.of("testType", "confirmed"))
                        .status())
                .isEqualTo(403);
        assertThat(browser.postExactly("/codes/issue", Map.of("testType", "confirmed", "_csrf", "forged"))
                        .status())
                .isEqualTo(403);
        assertThat(jdbc.sql("SELECT count(*) FROM verification_codes WHERE realm_id = ?")
                        .param(realm.id().value())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aMemberOfAnotherRealmCannotSeeOrExpireTheCode(UiClient stranger) {
        User worker = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
        browser.signIn(worker.email(), TestUsers.PASSWORD);
        String today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
        String uuid = browser.post("/codes/issue", Map.of("testType", "confirmed", "symptomDate", today))
                .text("#issued p > code");

        TestRealm other = TestRealm.create(realms, apiKeys);
        User outsider = TestUsers.member(users, memberships, other.id(), Permission.CASE_WORKER);
        stranger.signIn(outsider.email(), TestUsers.PASSWORD);
        assertThat(stranger.get("/codes/status?uuid=" + uuid).status()).isEqualTo(404);
        stranger.get("/codes/status");
        assertThat(stranger.post("/codes/" + uuid + "/expire", Map.of()).status())
                .isEqualTo(404);
        assertThat(browser.get("/codes/status?uuid=" + uuid).body()).contains("Not used");
    }

    @Test
    void pagesNeedTheirPermission() {
        User reader = TestUsers.member(users, memberships, realm.id(), Set.of(Permission.CODE_READ));
        UiClient.Page landing = browser.signIn(reader.email(), TestUsers.PASSWORD);
        assertThat(landing.status()).isEqualTo(200);
        assertThat(browser.get("/codes/issue").status()).isEqualTo(403);
        browser.get("/codes/status");
        assertThat(browser.post("/codes/issue", Map.of("testType", "confirmed")).status())
                .isEqualTo(403);
    }

    @Test
    void anSmsGoesOutWithTheChosenTemplate() {
        smsTemplates.save(
                realms.find(realm.id()).orElseThrow(),
                "Spanish",
                "Su código es [code]. Caduca en [expires] minutos.",
                Actor.cli());
        User worker = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
        UiClient.Page form = browser.signIn(worker.email(), TestUsers.PASSWORD);
        assertThat(form.body()).contains("<option value=\"Spanish\"");
        UiClient.Page issued = browser.post(
                "/codes/issue", Map.of("testType", "confirmed", "phone", "+12065550123", "smsTemplate", "Spanish"));
        assertThat(issued.status()).isEqualTo(200);
        assertThat(browser.post(
                                "/codes/issue",
                                Map.of("testType", "confirmed", "phone", "+12065550123", "smsTemplate", "Klingon"))
                        .status())
                .isEqualTo(422);
    }

    @Test
    void aRealmInMaintenanceSaysSoAndIssuesNothing() {
        realms.update(realm.id(), Map.of("maintenance_mode", "true"), Actor.cli());
        User worker = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
        assertThat(browser.signIn(worker.email(), TestUsers.PASSWORD).body()).contains("This realm is in maintenance");
        UiClient.Page refused = browser.post("/codes/issue", Map.of("testType", "confirmed"));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body()).contains("Codes cannot be issued during maintenance");
        assertThat(jdbc.sql("SELECT count(*) FROM verification_codes WHERE realm_id = ?")
                        .param(realm.id().value())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void signedOutVisitorsAreSentToSignIn() {
        UiClient.Page page = browser.get("/codes/issue");
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.location()).endsWith("/login");
    }

    @Test
    void pagesSpeakSpanishWhenAsked() {
        User worker = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
        browser.header("Accept-Language", "es");
        assertThat(browser.signIn(worker.email(), TestUsers.PASSWORD).body()).contains("Emitir el código");
    }
}
