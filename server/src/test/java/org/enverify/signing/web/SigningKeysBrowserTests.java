package org.enverify.signing.web;

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

/**
 * A realm administrator switches the realm to its own signing key in Chromium, publishes a second version,
 * watches {@code /jwks/{realm}} follow, and finds every step in the realm's audit events.
 */
@BrowserTest
@EnverifyIntegrationTest
class SigningKeysBrowserTests {

    @RegisterExtension
    final Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Autowired
    MessageSource messages;

    @Autowired
    Users users;

    @Autowired
    Memberships memberships;

    @Test
    void switchToTheRealmKeyAndFindItInTheJwksAndTheAuditTrail(TestRealm realm, ApiClient api) {
        User admin = TestUsers.member(users, memberships, realm.id(), Permission.REALM_ADMIN);
        String jwks = "/jwks/" + realm.id().value();
        assertThat(api.get(jwks).body()).isEqualTo("[]");

        browser.open(port).signIn(admin.email(), TestUsers.PASSWORD);
        browser.clickAndWait("nav a[href='/realm/settings']").clickAndWait("nav a[href='/realm/keys']");
        browser.click("#realmKey")
                .type("#issuer", "gov.example.browser")
                .type("#audience", "keyserver")
                .clickAndWait("form[action$='/realm/keys/use'] button");
        assertThat(browser.text("main")).contains("r" + realm.id().value() + "v");
        String firstKey = api.get(jwks).body();
        assertThat(firstKey).contains("\"kid\":\"r" + realm.id().value() + "v");

        browser.clickAndWait("form[action$='/realm/keys'] button");
        browser.screenshot("two-versions");
        assertThat(browser.findAll("main tbody tr")).hasSize(2);
        String bothKeys = api.get(jwks).body();
        assertThat(bothKeys).isNotEqualTo(firstKey);
        assertThat(bothKeys.split("\"kid\"")).hasSize(3);

        browser.clickAndWait("nav a[href='/realm/events']");
        browser.screenshot("audit-events");
        String events = browser.text("main table");
        assertThat(events)
                .contains(messages.getMessage("audit.action.realm.update", null, Locale.ENGLISH))
                .contains("gov.example.browser")
                .contains(messages.getMessage("audit.action.certificate_key.create", null, Locale.ENGLISH))
                .contains(admin.email());
        assertThat(browser.consoleProblems()).isEmpty();
    }
}
