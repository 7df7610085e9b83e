package org.enverify.code.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.enverify.account.Memberships;
import org.enverify.account.User;
import org.enverify.account.Users;
import org.enverify.apikey.ApiKeys;
import org.enverify.realm.Permission;
import org.enverify.realm.Realms;
import org.enverify.support.ApiClient;
import org.enverify.support.Browser;
import org.enverify.support.BrowserTest;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A case worker issues a code in Chromium, reads it off the page, and a phone uses it; reloading the result or
 * double-clicking the button issues nothing more; expiring asks first; a bulk file's failed lines are listed.
 */
@BrowserTest
@EnverifyIntegrationTest
class CaseWorkerBrowserTests {

    @RegisterExtension
    final Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    Memberships memberships;

    @Autowired
    MessageSource messages;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Test
    void aCodeIssuedInTheBrowserCountsDownVerifiesOnThePhoneAndShowsAsUsed(TestRealm realm, ApiClient api) {
        User worker = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
        browser.open(port).signIn(worker.email(), TestUsers.PASSWORD);
        assertThat(browser.path()).isEqualTo("/codes/issue");

        browser.click("#testType-confirmed").clickAndWait("main form button[type=submit]");
        String code = shownCode();
        String uuid = browser.text("#issued-uuid");
        assertThat(code).matches("\\d{8}");
        assertThat(uuid).matches("[0-9a-f-]{36}");
        browser.screenshot("issue-result");

        int shown = browser.waitUntil(driver -> secondsLeft(browser.text("#issued [data-expires-at]")));
        assertThat(shown).isBetween(1, 15 * 60);
        browser.waitUntil(driver -> {
            Integer now = secondsLeft(browser.text("#issued [data-expires-at]"));
            return now != null && now < shown;
        });

        ApiClient.Response verified = api.post("/api/verify", realm.deviceKey(), "{\"code\":\"" + code + "\"}");
        assertThat(verified.status()).isEqualTo(200);

        browser.clickAndWait("nav a[href='/codes/status']");
        WebElement row =
                browser.find("main table").findElement(By.xpath(".//tr[td/a[normalize-space()='" + uuid + "']]"));
        assertThat(row.findElements(By.tagName("td")).getLast().getText()).isEqualTo(message("codes.claimed"));

        browser.clickAndWait("main table a[href$='" + uuid + "']");
        assertThat(browser.text("main section.card dl")).contains(message("codes.claimed"));
        assertThat(browser.findAll("main section.card form"))
                .as("no expiry for a used code")
                .isEmpty();
        browser.screenshot("codes-status");
    }

    @Test
    void reloadingTheResultShowsTheSameCodeAndIssuesNoOther(TestRealm realm) {
        User worker = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
        browser.open(port).signIn(worker.email(), TestUsers.PASSWORD);
        browser.clickAndWait("main form button[type=submit]");
        String code = shownCode();
        String resultPath = browser.path();
        assertThat(resultPath).startsWith("/codes/issue/");
        assertThat(browser.findAll("main form[action$='/codes/issue']"))
                .as("the result replaces the form")
                .isEmpty();
        assertThat(browser.find("#issued button[data-copy=issued-code]").isDisplayed())
                .isTrue();
        assertThat(browser.find("#issued time[data-local-time]").getAttribute("title"))
                .endsWith("UTC");

        WebElement page = browser.find("html");
        browser.driver().navigate().refresh();
        browser.waitUntilReplaced(page);
        assertThat(browser.path()).isEqualTo(resultPath);
        assertThat(shownCode()).isEqualTo(code);
        assertThat(codesIssued(realm)).isEqualTo(1);
        browser.screenshot("after-reload");

        browser.clickAndWait("#issue-another");
        assertThat(browser.path()).isEqualTo("/codes/issue");
        assertThat(browser.findAll("#issued")).isEmpty();
        assertThat(browser.consoleProblems()).isEmpty();
    }

    @Test
    void aDoubleClickIssuesOneCode(TestRealm realm) {
        User worker = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
        browser.open(port).signIn(worker.email(), TestUsers.PASSWORD);
        browser.click("#testType-likely");
        WebElement page = browser.find("html");
        new Actions(browser.driver())
                .doubleClick(browser.find("main form button[type=submit]"))
                .perform();
        browser.waitUntilReplaced(page);
        assertThat(shownCode()).matches("\\d{8}");
        assertThat(codesIssued(realm)).isEqualTo(1);
        browser.screenshot("issued-once");
    }

    @Test
    void expiringACodeAsksFirstAndThePageShowsItExpired(TestRealm realm) {
        User worker = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
        browser.open(port).signIn(worker.email(), TestUsers.PASSWORD);
        browser.clickAndWait("main form button[type=submit]");
        String uuid = browser.text("#issued-uuid");
        browser.go("/codes/status?uuid=" + uuid);
        assertThat(browser.text("#code-state")).isEqualTo(message("codes.unclaimed"));

        browser.click("form[action$='/expire'] button[type=submit]");
        WebElement dialog = browser.waitUntil(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog.confirm-dialog[open]")));
        assertThat(dialog.getText()).contains("Expire the code " + uuid + "?");
        browser.screenshot("confirm-dialog");
        browser.click("dialog [data-confirm-cancel]");
        browser.waitUntil(ExpectedConditions.invisibilityOf(dialog));
        assertThat(browser.text("#code-state")).as("cancelled: nothing expired").isEqualTo(message("codes.unclaimed"));

        browser.click("form[action$='/expire'] button[type=submit]");
        browser.waitUntil(ExpectedConditions.visibilityOf(dialog));
        browser.clickAndWait("dialog [data-confirm-yes]");
        assertThat(browser.text("#code-state")).isEqualTo(message("codes.expired"));
        assertThat(browser.text("main .alert-success")).isEqualTo(message("codes.expiredNow"));
        assertThat(browser.findAll("form[action$='/expire']"))
                .as("no expire button any more")
                .isEmpty();
        browser.screenshot("expired");
        assertThat(browser.consoleProblems()).isEmpty();
    }

    @Test
    void aBulkFilesFailedLinesAreListedWithTheirFix() throws Exception {
        TestRealm realm =
                TestRealm.create(realms, apiKeys, Map.of("require_date", "false", "allow_bulk_upload", "true"));
        User worker = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
        Path file = Files.createTempFile("people", ".csv");
        Files.writeString(
                file,
                "phone,testType,symptomDate,testDate,externalIssuerID\n+12065550100,confirmed,,,\n"
                        + "+12065550101,confirmed,1999-01-01,,\n");
        browser.open(port).signIn(worker.email(), TestUsers.PASSWORD);
        browser.go("/codes/bulk-issue");
        browser.find("#file").sendKeys(file.toAbsolutePath().toString());
        browser.clickAndWait("main form button[type=submit]");
        WebElement failed = browser.waitUntil(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#failed-lines tbody tr")));
        assertThat(failed.getText())
                .contains("3")
                .contains(message("issue.error.invalid_date"))
                .contains(message("bulk.fix.invalid_date"));
        assertThat(browser.find("#retry-file").isDisplayed()).isTrue();
        browser.screenshot("bulk-failures");
        Files.delete(file);
    }

    private String shownCode() {
        browser.text("#issued .code-digits span");
        return browser.findAll("#issued .code-digits span").stream()
                .map(WebElement::getText)
                .collect(Collectors.joining());
    }

    private long codesIssued(TestRealm realm) {
        return jdbc.sql("SELECT count(*) FROM verification_codes WHERE realm_id = ?")
                .param(realm.id().value())
                .query(Long.class)
                .single();
    }

    /** The countdown as {@code m:ss} in seconds, or null while it shows something else. */
    private static Integer secondsLeft(String countdown) {
        if (!countdown.matches("\\d{1,2}:\\d{2}")) {
            return null;
        }
        String[] parts = countdown.split(":");
        return Integer.parseInt(parts[0]) * 60 + Integer.parseInt(parts[1]);
    }

    private String message(String key) {
        return messages.getMessage(key, null, Locale.ENGLISH);
    }
}
