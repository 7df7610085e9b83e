package org.enverify.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.enverify.realm.Permission;
import org.enverify.support.Browser;
import org.enverify.support.BrowserTest;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A case worker sets up a second factor in Chromium and signs in with it: an authenticator app (TOTP, with the
 * codes an app would show) and a passkey (Chromium's virtual authenticator, a platform authenticator that
 * verifies the user).
 */
@BrowserTest
@EnverifyIntegrationTest
class SecondFactorBrowserTests {

    @RegisterExtension
    final Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    Memberships memberships;

    @Autowired
    MutableClock clock;

    User worker;

    @BeforeEach
    void setUp(TestRealm realm) {
        worker = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
    }

    @Test
    void signInWithAnAuthenticatorApp() {
        browser.open(port).signIn(worker.email(), TestUsers.PASSWORD);
        browser.go("/account/mfa").clickAndWait("form[action$='/account/mfa/totp'] button");
        browser.screenshot("totp-enrol");
        byte[] key = MfaIntegrationTests.base32(browser.text("#totp-secret"));
        browser.type("#code", currentCode(key)).clickAndWait("form[action$='/totp/confirm'] button");
        browser.screenshot("recovery-codes");
        assertThat(browser.findAll(".recovery-codes li")).hasSizeGreaterThanOrEqualTo(8);

        browser.signOut().signIn(worker.email(), TestUsers.PASSWORD);
        assertThat(browser.path()).isEqualTo("/login/mfa");
        browser.type("#code", "000000").clickAndWait("form[action$='/login/mfa'] button");
        assertThat(browser.find("#code").getAttribute("class")).contains("is-invalid");

        clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
        browser.type("#code", currentCode(key)).clickAndWait("form[action$='/login/mfa'] button");
        assertThat(browser.path()).isEqualTo("/codes/issue");
        assertThat(browser.consoleProblems())
                .allSatisfy(problem -> assertThat(problem).contains("status of 422"));
    }

    @Test
    void signInWithAPasskey() {
        browser.open(port);
        VirtualAuthenticator authenticator = browser.driver()
                .addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                        .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                        .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                        .setHasResidentKey(true)
                        .setHasUserVerification(true)
                        .setIsUserVerified(true));
        browser.signIn(worker.email(), TestUsers.PASSWORD);
        browser.go("/account/mfa").type("#passkey-label", "Work laptop").click("[data-passkey-register]");
        browser.waitUntil(ExpectedConditions.urlContains("passkeyAdded"));
        assertThat(browser.text("main .list-group")).contains("Work laptop");
        assertThat(authenticator.getCredentials()).hasSize(1);
        browser.screenshot("passkey-added");

        browser.signOut().signIn(worker.email(), TestUsers.PASSWORD);
        assertThat(browser.path()).isEqualTo("/login/mfa");
        browser.screenshot("passkey-challenge");
        browser.click("[data-passkey-sign-in]");
        browser.waitUntil(driver -> browser.path().equals("/codes/issue"));
        assertThat(browser.consoleProblems()).isEmpty();
    }

    private String currentCode(byte[] key) {
        return Totp.code(key, Totp.step(clock.instant()), Totp.DIGITS);
    }
}
