package org.enverify.apikey.web;

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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;

/** A realm administrator creates an API key in Chromium, copies it from the page once, and issues a code with it. */
@BrowserTest
@EnverifyIntegrationTest
class ApiKeyBrowserTests {

    private static final String CREATE = "main form[action$='/realm/apikeys'] button[type=submit]";

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
    void aKeyCreatedInTheBrowserIsShownOnceAndIssuesCodes(TestRealm realm, ApiClient api) {
        User admin = TestUsers.member(users, memberships, realm.id(), Permission.REALM_ADMIN);
        browser.open(port).signIn(admin.email(), TestUsers.PASSWORD);
        browser.clickAndWait("nav a[href='/realm/apikeys']");

        browser.clickAndWait(CREATE);
        assertThat(browser.text("#name-error")).isEqualTo(message("apikeys.nameInvalid"));
        assertThat(browser.find("#name").getAttribute("class")).contains("is-invalid");
        assertThat(browser.find("#name").getAttribute("aria-describedby")).contains("name-error");
        browser.screenshot("refused");
        assertThat(browser.consoleProblems())
                .as("nothing but the refusal's status")
                .singleElement()
                .asString()
                .contains("status of 422");

        browser.type("#name", "Lab system").choose("#type", "ADMIN").clickAndWait(CREATE);
        String key = browser.text("#created-key");
        browser.screenshot("created-key");
        assertThat(browser.consoleProblems()).isEmpty();

        ApiClient.Response issued = api.post("/api/issue", key, "{\"testType\":\"confirmed\"}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
        assertThat(issued.json().path("code").asString()).matches("\\d{8}");

        browser.go("/realm/apikeys");
        assertThat(browser.findAll("#created-key")).isEmpty();
        assertThat(browser.text("main table")).contains("Lab system").doesNotContain(key);
    }

    private String message(String key) {
        return messages.getMessage(key, null, Locale.ENGLISH);
    }
}
