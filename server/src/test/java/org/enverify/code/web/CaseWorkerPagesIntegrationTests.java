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
        UiClient.Page posted =
                browser.post("/codes/issue", Map.of("testType", "confirmed", "symptomDate", today, "phone", ""));
        assertThat(posted.status()).as("post/redirect/get").isEqualTo(302);
        UiClient.Page issued = browser.follow(posted);
        assertThat(issued.status()).isEqualTo(200);
        String code = issued.text("#issued-code");
        String uuid = issued.text("#issued-uuid");
        assertThat(issued.body()).contains("data-expires-at=");
        assertThat(issued.attribute("#issued time[data-local-time]", "datetime"))
                .endsWith("Z");
        assertThat(issued.has("main form[action$='/codes/issue']"))
                .as("the result replaces the form")
                .isFalse();
        assertThat(issued.attribute("#issue-another", "href")).isEqualTo("/codes/issue");

        ApiClient.Response verified = api.post("/api/verify", realm.deviceKey(), "{\"code\":\"" + code + "\"}");
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.json().path("testtype").asString()).isEqualTo("confirmed");

        UiClient.Page status = browser.get("/codes/status?uuid=" + uuid);
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.text("#code-state")).isEqualTo("Used");
        assertThat(status.text("#code-issuer")).contains(worker.email());
        assertThat(status.text("#code-timeline")).contains("Issued").contains("Used");
        assertThat(status.has("form[action$='/expire']"))
                .as("no expiry for a used code")
                .isFalse();
        assertThat(jdbc.sql("SELECT issuing_user_id FROM verification_codes WHERE realm_id = ? AND uuid = ?::uuid")
                        .params(realm.id().value(), uuid)
                        .query(Long.class)
                        .single())
                .isEqualTo(worker.id());
    }

    @Test
    void aFormPostedAgainOrReloadedIssuesOnce() throws Exception {
        User worker = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
        UiClient.Page form = browser.signIn(worker.email(), TestUsers.PASSWORD);
        String formId = form.attribute("input[name=formId]", "value");
        Map<String, String> fields = Map.of("testType", "confirmed", "formId", formId);

        String first = path(browser.post("/codes/issue", fields).location());
        String code = browser.get(first).text("#issued-code");
        assertThat(browser.get(first).text("#issued-code"))
                .as("a reload shows the same code")
                .isEqualTo(code);
        assertThat(path(browser.post("/codes/issue", fields).location()))
                .as("the same form posted again leads to the same result")
                .isEqualTo(first);
        assertThat(codesIssued()).isEqualTo(1);

        String secondForm = browser.get("/codes/issue").attribute("input[name=formId]", "value");
        assertThat(secondForm).isNotEqualTo(formId);
        Map<String, String> twice = Map.of("testType", "confirmed", "formId", secondForm);
        var posts = java.util.stream.IntStream.range(0, 4)
                .mapToObj(i -> java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> browser.post("/codes/issue", twice).location()))
                .toList();
        for (var post : posts) {
            assertThat(post.get()).endsWith("/codes/issue/" + secondForm);
        }
        assertThat(codesIssued())
                .as("posts of one form at the same time issue one code")
                .isEqualTo(2);
        assertThat(browser.follow(browser.get("/codes/issue/" + secondForm)).text("#issued-code"))
                .matches("\\d{8}");
    }

    @Test
    void anotherUsersResultIsNotShown(UiClient colleague) {
        User worker = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
        browser.signIn(worker.email(), TestUsers.PASSWORD);
        String result = path(
                browser.post("/codes/issue", Map.of("testType", "confirmed")).location());

        User other = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
        colleague.signIn(other.email(), TestUsers.PASSWORD);
        UiClient.Page page = colleague.get(result);
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.location()).endsWith("/codes/issue");
    }

    @Test
    void refusedInputRerendersWithFieldMessagesAndStoresNothing() {
        User worker = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
        browser.signIn(worker.email(), TestUsers.PASSWORD);
        for (Map<String, String> form : List.of(
                Map.of("testType", "<script>alert(1)</script>"),
                Map.of("testType", ""),
                Map.of("testType", "confirmed", "symptomDate", "2020-13-45"),
                Map.of("testType", "confirmed", "symptomDate", "'; DROP TABLE realms; --"),
                Map.of("testType", "confirmed", "testDate", "1999-01-01"),
                Map.of("testType", "💥".repeat(500)),
                Map.of("testType", "confirmed", "phone", "9".repeat(5000)),
                Map.of("testType", "confirmed", "phone", "<img src=x onerror=alert(1)>"),
                Map.of("testType", "confirmed", "phone", "12", "phoneCountry", "GB"),
                Map.of("testType", "confirmed", "phone", "+1 206 555", "phoneCountry", "<b>"),
                Map.of("testType", "confirmed", "formId", "not-a-uuid", "symptomDate", "yesterday"))) {
            UiClient.Page refused = browser.post("/codes/issue", form);
            assertThat(refused.status()).as(form.toString()).isEqualTo(422);
            assertThat(refused.body())
                    .contains("invalid-feedback")
                    .doesNotContain("<script>alert(1)</script>")
                    .doesNotContain("<img src=x");
            assertThat(refused.attribute("input[name=formId]", "value"))
                    .as("the refused form keeps a usable id")
                    .matches("[0-9a-f-]{36}");
        }
        assertThat(codesIssued()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM issue_receipts WHERE realm_id = ?")
                        .param(realm.id().value())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void refusedInputIsExplainedInSpanish() {
        User worker = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
        browser.header("Accept-Language", "es");
        browser.signIn(worker.email(), TestUsers.PASSWORD);
        UiClient.Page refused = browser.post("/codes/issue", Map.of("testType", "confirmed", "phone", "llámame"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("#phone-error")).isEqualTo("Este número no puede recibir SMS.");
        assertThat(codesIssued()).isZero();
    }

    @Test
    void aCodeIsExpiredOnlyOnceConfirmedAndItsPageSaysSo() {
        User worker = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
        browser.signIn(worker.email(), TestUsers.PASSWORD);
        String uuid = browser.follow(browser.post("/codes/issue", Map.of("testType", "likely")))
                .text("#issued-uuid");
        UiClient.Page status = browser.get("/codes/status?uuid=" + uuid);
        assertThat(status.text("#code-state")).isEqualTo("Not used");
        assertThat(status.text("#code-issuer")).contains(worker.email());
        assertThat(status.attribute("form[action$='/expire'] button", "data-confirm-question"))
                .isEqualTo("Expire the code " + uuid + "?");

        UiClient.Page asked = browser.post("/codes/" + uuid + "/expire", Map.of("confirmSubject", uuid));
        assertThat(asked.status()).as("without JavaScript, a page asks").isEqualTo(200);
        assertThat(asked.text("#confirm-question")).isEqualTo("Expire the code " + uuid + "?");
        assertThat(asked.text("#confirm-consequence")).contains("stop working");
        assertThat(asked.attribute("main form input[name=confirmed]", "value")).isEqualTo("yes");
        assertThat(asked.attribute("main form", "action")).isEqualTo("/codes/" + uuid + "/expire");
        assertThat(browser.get("/codes/status?uuid=" + uuid).text("#code-state"))
                .as("asking expired nothing")
                .isEqualTo("Not used");

        UiClient.Page expired = browser.postConfirmed("/codes/" + uuid + "/expire", Map.of());
        assertThat(expired.status()).isEqualTo(302);
        UiClient.Page after = browser.follow(expired);
        assertThat(after.text("#code-state")).isEqualTo("Expired");
        assertThat(after.text("#code-timeline")).contains("Expired");
        assertThat(after.has("form[action$='/expire']"))
                .as("no expire button on an expired code")
                .isFalse();
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
        String uuid = browser.follow(
                        browser.post("/codes/issue", Map.of("testType", "confirmed", "symptomDate", today)))
                .text("#issued-uuid");

        TestRealm other = TestRealm.create(realms, apiKeys);
        User outsider = TestUsers.member(users, memberships, other.id(), Permission.CASE_WORKER);
        stranger.signIn(outsider.email(), TestUsers.PASSWORD);
        assertThat(stranger.get("/codes/status?uuid=" + uuid).status()).isEqualTo(404);
        stranger.get("/codes/status");
        assertThat(stranger.postConfirmed("/codes/" + uuid + "/expire", Map.of())
                        .status())
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
        UiClient.Page issued = browser.follow(browser.post(
                "/codes/issue", Map.of("testType", "confirmed", "phone", "+12065550123", "smsTemplate", "Spanish")));
        assertThat(issued.status()).isEqualTo(200);
        assertThat(issued.text("#sms-sent"))
                .isEqualTo("Sent by SMS to +1 ••••••••23. Ask the person to check their phone.");
        UiClient.Page picked = browser.follow(browser.post(
                "/codes/issue", Map.of("testType", "confirmed", "phone", "020 7946 0018", "phoneCountry", "GB")));
        assertThat(picked.text("#sms-sent"))
                .as("the picker's country reads the number")
                .contains("+44 ••••••••18");
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

    private static String path(String location) {
        return location.replaceFirst("^https?://[^/]+", "");
    }

    private long codesIssued() {
        return jdbc.sql("SELECT count(*) FROM verification_codes WHERE realm_id = ?")
                .param(realm.id().value())
                .query(Long.class)
                .single();
    }

    @Test
    void pagesSpeakSpanishWhenAsked() {
        User worker = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
        browser.header("Accept-Language", "es");
        assertThat(browser.signIn(worker.email(), TestUsers.PASSWORD).body()).contains("Emitir el código");
    }
}
