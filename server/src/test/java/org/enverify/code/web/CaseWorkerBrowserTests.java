package org.enverify.code.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.enverify.account.Memberships;
import org.enverify.account.User;
import org.enverify.account.Users;
import org.enverify.realm.Permission;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;

/** A case worker issues a code in Chromium, reads it off the page, and a phone uses it. */
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

    @Test
    void aCodeIssuedInTheBrowserCountsDownVerifiesOnThePhoneAndShowsAsUsed(TestRealm realm, ApiClient api) {
        User worker = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
        browser.open(port).signIn(worker.email(), TestUsers.PASSWORD);
        assertThat(browser.path()).isEqualTo("/codes/issue");

        browser.click("#testType-confirmed").clickAndWait("main form button[type=submit]");
        String code = browser.text("#issued .code-display");
        String uuid = browser.text("#issued code");
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
