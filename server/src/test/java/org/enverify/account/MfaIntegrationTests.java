package org.enverify.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.enverify.apikey.ApiKeys;
import org.enverify.realm.Permission;
import org.enverify.realm.Realms;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.enverify.support.UiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** An authenticator app as second factor, over real HTTP: enrolment, sign-in, replay, recovery codes, removal. */
@EnverifyIntegrationTest
class MfaIntegrationTests {

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
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    TestRealm realm;
    User worker;

    @BeforeEach
    void setUp() {
        clock.freeze();
        realm = TestRealm.create(realms, apiKeys);
        worker = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
    }

    @Test
    void enrolAnAuthenticatorAppAndSignInWithIt(UiClient browser, UiClient second, UiClient third) {
        browser.signIn(worker.email(), TestUsers.PASSWORD);
        UiClient.Page overview = browser.get("/account/mfa");
        assertThat(overview.status()).isEqualTo(200);
        UiClient.Page enrol = browser.post("/account/mfa/totp", Map.of());
        assertThat(enrol.status()).isEqualTo(200);
        assertThat(enrol.body()).contains("<svg").contains("<path fill=\"#000\" d=\"M");
        byte[] key = base32(enrol.text("#totp-secret"));
        assertThat(jdbc.sql("SELECT secret FROM user_totp WHERE user_id = ?")
                        .param(worker.id())
                        .query(byte[].class)
                        .single())
                .isNotEqualTo(key)
                .hasSizeGreaterThan(key.length);

        UiClient.Page wrong = browser.post("/account/mfa/totp/confirm", Map.of("code", otherCode(key)));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.body()).contains("invalid-feedback");
        assertThat(browser.get("/account/mfa").body()).contains("Set up an authenticator app");

        String enrolCode = code(key);
        UiClient.Page confirmed = browser.post("/account/mfa/totp/confirm", Map.of("code", enrolCode));
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(recoveryCodes(confirmed)).hasSize(10);

        second.get("/login");
        UiClient.Page afterPassword =
                second.post("/login", Map.of("email", worker.email(), "password", TestUsers.PASSWORD));
        assertThat(afterPassword.location()).endsWith("/login/mfa");
        assertThat(second.get("/login/mfa").body()).contains("name=\"code\"");

        UiClient.Page replayed = second.post("/login/mfa", Map.of("code", enrolCode));
        assertThat(replayed.status()).as("the code used to confirm is spent").isEqualTo(422);

        clock.advance(Duration.ofSeconds(30));
        String fresh = code(key);
        UiClient.Page refused = second.post("/login/mfa", Map.of("code", otherCode(key)));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("This code is wrong or was already used.");
        UiClient.Page accepted = second.post("/login/mfa", Map.of("code", fresh));
        assertThat(accepted.location()).endsWith("/login/continue");
        UiClient.Page landing = second.follow(accepted);
        assertThat(landing.status()).isEqualTo(200);
        assertThat(landing.body()).contains("name=\"testType\"");

        third.get("/login");
        third.post("/login", Map.of("email", worker.email(), "password", TestUsers.PASSWORD));
        assertThat(third.get("/login/mfa").status()).isEqualTo(200);
        assertThat(third.post("/login/mfa", Map.of("code", fresh)).status())
                .as("a code accepted once is not accepted again")
                .isEqualTo(422);
    }

    @Test
    void aSessionWaitingForItsSecondFactorReachesNothingElse(UiClient browser) {
        byte[] key = enrol(worker).key();
        clock.advance(Duration.ofSeconds(30));
        browser.get("/login");
        browser.post("/login", Map.of("email", worker.email(), "password", TestUsers.PASSWORD));
        assertThat(browser.get("/codes/issue").location()).endsWith("/login/mfa");
        assertThat(browser.get("/login/continue").location()).endsWith("/login/mfa");
        assertThat(browser.get("/account").location()).endsWith("/login/mfa");
        assertThat(browser.get("/account/mfa").location()).endsWith("/login/mfa");
        browser.get("/login/mfa");
        assertThat(browser.post("/codes/issue", Map.of("testType", "confirmed")).status())
                .isEqualTo(403);
        assertThat(browser.post("/account/mfa/totp/disable", Map.of("password", TestUsers.PASSWORD))
                        .status())
                .isEqualTo(403);
        assertThat(browser.postJson("/webauthn/register/options", "").status()).isEqualTo(403);
        assertThat(codesIssued()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM user_totp WHERE user_id = ?")
                        .param(worker.id())
                        .query(Long.class)
                        .single())
                .isOne();

        UiClient.Page accepted = browser.post("/login/mfa", Map.of("code", code(key)));
        assertThat(accepted.location()).endsWith("/login/continue");
        assertThat(browser.follow(accepted).body()).contains("name=\"testType\"");
    }

    @Test
    void aRecoveryCodeSignsInOnce(UiClient browser, UiClient again) {
        List<String> codes = enrol(worker).recoveryCodes();
        browser.get("/login");
        browser.post("/login", Map.of("email", worker.email(), "password", TestUsers.PASSWORD));
        browser.get("/login/mfa");
        assertThat(browser.post("/login/mfa", Map.of("code", " " + codes.get(3).toUpperCase() + " "))
                        .location())
                .endsWith("/login/continue");

        again.get("/login");
        again.post("/login", Map.of("email", worker.email(), "password", TestUsers.PASSWORD));
        again.get("/login/mfa");
        assertThat(again.post("/login/mfa", Map.of("code", codes.get(3))).status())
                .isEqualTo(422);
        assertThat(again.get("/codes/issue").location()).endsWith("/login/mfa");
        assertThat(again.post("/login/mfa", Map.of("code", codes.get(4))).location())
                .endsWith("/login/continue");
    }

    @Test
    void garbageCodesAreRefusedWithAFieldMessage(UiClient browser) {
        enrol(worker);
        browser.get("/login");
        browser.post("/login", Map.of("email", worker.email(), "password", TestUsers.PASSWORD));
        browser.get("/login/mfa");
        for (String garbage : List.of(
                "", "<script>alert(1)</script>", "'; DROP TABLE users; --", "💥".repeat(500), "1".repeat(10_000))) {
            UiClient.Page refused = browser.post("/login/mfa", Map.of("code", garbage));
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.body()).contains("invalid-feedback").doesNotContain("<script>alert(1)</script>");
        }
        assertThat(browser.get("/codes/issue").location()).endsWith("/login/mfa");
        assertThat(browser.postExactly("/login/mfa", Map.of("code", "123456")).status())
                .as("no CSRF token")
                .isEqualTo(403);
    }

    @Test
    void codesAreThrottledLikePasswords(UiClient browser) {
        byte[] key = enrol(worker).key();
        browser.get("/login");
        browser.post("/login", Map.of("email", worker.email(), "password", TestUsers.PASSWORD));
        browser.get("/login/mfa");
        String wrong = otherCode(key);
        for (int attempt = 0; attempt < 10; attempt++) {
            assertThat(browser.post("/login/mfa", Map.of("code", wrong)).status())
                    .isEqualTo(422);
        }
        UiClient.Page throttled = browser.post("/login/mfa", Map.of("code", code(key)));
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.body()).contains("Too many sign-in attempts.");
        assertThat(browser.get("/codes/issue").location()).endsWith("/login/mfa");
    }

    @Test
    void turningTheAppOffNeedsThePassword() {
        Enrolled enrolled = enrol(worker);
        UiClient browser = enrolled.browser();
        UiClient.Page refused =
                browser.post("/account/mfa/totp/disable", Map.of("password", "not the password at all"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("totpPassword-error");
        assertThat(browser.post("/account/mfa/totp/disable", Map.of("password", "x".repeat(10_000)))
                        .status())
                .isEqualTo(422);
        assertThat(enrolledInDatabase()).isTrue();

        assertThat(browser.post("/account/mfa/totp/disable", Map.of("password", TestUsers.PASSWORD))
                        .location())
                .endsWith("/account/mfa?totpDisabled");
        assertThat(enrolledInDatabase()).isFalse();
        assertThat(jdbc.sql("SELECT count(*) FROM user_recovery_codes WHERE user_id = ?")
                        .param(worker.id())
                        .query(Long.class)
                        .single())
                .isZero();
        UiClient.Page landing = new UiClient(port).signIn(worker.email(), TestUsers.PASSWORD);
        assertThat(landing.body()).contains("name=\"testType\"");
    }

    @Test
    void pagesAndMessagesExistInSpanish() {
        UiClient browser = new UiClient(port).header("Accept-Language", "es");
        browser.signIn(worker.email(), TestUsers.PASSWORD);
        assertThat(browser.get("/account/mfa").body()).contains("Configurar una aplicación de autenticación");
    }

    record Enrolled(UiClient browser, byte[] key, List<String> recoveryCodes) {}

    /** Sets up an authenticator app for the user in a browser of its own, then moves past the step it used. */
    Enrolled enrol(User user) {
        UiClient browser = new UiClient(port);
        browser.signIn(user.email(), TestUsers.PASSWORD);
        byte[] key = base32(browser.post("/account/mfa/totp", Map.of()).text("#totp-secret"));
        UiClient.Page confirmed = browser.post("/account/mfa/totp/confirm", Map.of("code", code(key)));
        assertThat(confirmed.status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(30));
        return new Enrolled(browser, key, recoveryCodes(confirmed));
    }

    private String code(byte[] key) {
        return Totp.code(key, Totp.step(clock.instant()), Totp.DIGITS);
    }

    /** A well-formed code that is none of the accepted ones. */
    private String otherCode(byte[] key) {
        long step = Totp.step(clock.instant());
        List<String> valid = List.of(Totp.code(key, step - 1, 6), Totp.code(key, step, 6), Totp.code(key, step + 1, 6));
        for (int candidate = 0; ; candidate++) {
            String code = String.format("%06d", candidate);
            if (!valid.contains(code)) {
                return code;
            }
        }
    }

    private boolean enrolledInDatabase() {
        return jdbc.sql("SELECT count(*) FROM user_totp WHERE user_id = ? AND confirmed_at IS NOT NULL")
                        .param(worker.id())
                        .query(Long.class)
                        .single()
                == 1;
    }

    private long codesIssued() {
        return jdbc.sql("SELECT count(*) FROM verification_codes WHERE realm_id = ?")
                .param(realm.id().value())
                .query(Long.class)
                .single();
    }

    static List<String> recoveryCodes(UiClient.Page page) {
        return page.html().select("li:matchesOwn(^[a-z2-9]{5}-[a-z2-9]{5}$)").eachText();
    }

    static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : text.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                bytes.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return bytes.toByteArray();
    }
}
