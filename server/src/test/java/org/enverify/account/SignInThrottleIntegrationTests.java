package org.enverify.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.enverify.apikey.ApiKeys;
import org.enverify.mailoutbox.Mailer;
import org.enverify.mailoutbox.OutboxMail;
import org.enverify.realm.Permission;
import org.enverify.realm.Realms;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.enverify.support.UiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * No one can lock an account's owner out. The tests play clients at several addresses behind a trusted proxy
 * (127.0.0.1 naming them in {@code X-Forwarded-For}): 5 attempts per account at one address, 8 wrong passwords
 * per account from everywhere, one token back every 2 minutes.
 */
@EnverifyIntegrationTest
@TestPropertySource(
        properties = {
            "enverify.trusted-proxies=127.0.0.1/32,::1/128",
            "enverify.rate-limit.sign-in=5/15m",
            "enverify.rate-limit.sign-in-account=8/16m"
        })
@Tag("security")
class SignInThrottleIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    Users users;

    @Autowired
    Memberships memberships;

    @Autowired
    Mailer mailer;

    @Autowired
    MutableClock clock;

    User worker;

    @BeforeEach
    void setUp() {
        worker = TestUsers.member(
                users, memberships, TestRealm.create(realms, apiKeys).id(), Permission.CASE_WORKER);
    }

    @Test
    void resetRequestsNeverHoldBackSignIn() {
        UiClient asker = at("198.51.100.10");
        asker.get("/login/forgot-password");
        for (int request = 0; request < 12; request++) {
            assertThat(asker.post("/login/forgot-password", Map.of("email", worker.email()))
                            .location())
                    .contains("resetSent");
        }

        assertThat(signInPage(at("198.51.100.10"), TestUsers.PASSWORD).location())
                .endsWith("/login/continue");
    }

    @Test
    void wrongPasswordsFromOneAddressHoldBackOnlyThatAddress() {
        UiClient attacker = at("203.0.113.20");
        UiClient.Page last = null;
        for (int attempt = 0; attempt < 7; attempt++) {
            last = signInPage(attacker, "not the password");
        }
        assertThat(last.location()).contains("/login?throttled=");

        assertThat(signInPage(at("198.51.100.20"), TestUsers.PASSWORD).location())
                .endsWith("/login/continue");
        assertThat(signInPage(attacker, TestUsers.PASSWORD).location())
                .as("the address that guessed waits")
                .contains("/login?throttled=");
    }

    @Test
    void wrongPasswordsFromManyAddressesHoldTheAccountBackShortlyAndTellTheOwnerOnce() {
        guessFromFourAddresses("203.0.113.3");

        assertThat(mailsTo(worker.email()))
                .as("one notice, however many guesses")
                .singleElement()
                .satisfies(mail -> assertThat(mail.subject()).contains("many wrong passwords"));
        assertThat(signInPage(at("198.51.100.30"), TestUsers.PASSWORD).location())
                .as("without a second factor, the right password waits as a wrong one does")
                .contains("/login?throttled=");
        clock.advance(Duration.ofMinutes(2));
        assertThat(signInPage(at("198.51.100.30"), TestUsers.PASSWORD).location())
                .endsWith("/login/continue");
    }

    @Test
    void theRightPasswordWithASecondFactorIsNeverHeldBack() {
        UiClient enrolment = at("198.51.100.40");
        enrolment.signIn(worker.email(), TestUsers.PASSWORD);
        byte[] key = MfaIntegrationTests.base32(
                enrolment.post("/account/mfa/totp", Map.of()).text("#totp-secret"));
        assertThat(enrolment
                        .post("/account/mfa/totp/confirm", Map.of("code", code(key)))
                        .status())
                .isEqualTo(200);
        clock.advance(Duration.ofSeconds(30));

        guessFromFourAddresses("203.0.113.4");

        UiClient owner = at("198.51.100.41");
        assertThat(signInPage(owner, TestUsers.PASSWORD).location()).endsWith("/login/mfa");
        owner.get("/login/mfa");
        assertThat(owner.post("/login/mfa", Map.of("code", code(key))).location())
                .endsWith("/login/continue");
    }

    /** Three wrong passwords from each of four addresses: the account's eight are spent. */
    private void guessFromFourAddresses(String prefix) {
        for (int address = 1; address <= 4; address++) {
            UiClient attacker = at(prefix + address);
            for (int attempt = 0; attempt < 3; attempt++) {
                signInPage(attacker, "not the password");
            }
        }
    }

    private UiClient at(String address) {
        return new UiClient(port).header("X-Forwarded-For", address);
    }

    private UiClient.Page signInPage(UiClient browser, String password) {
        browser.get("/login");
        return browser.post("/login", Map.of("email", worker.email(), "password", password));
    }

    private String code(byte[] key) {
        return Totp.code(key, Totp.step(clock.instant()), Totp.DIGITS);
    }

    private List<OutboxMail> mailsTo(String recipient) {
        return mailer.outbox(500, 0).stream()
                .filter(mail -> mail.recipient().equals(recipient))
                .toList();
    }
}
