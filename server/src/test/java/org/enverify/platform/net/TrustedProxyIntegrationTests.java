package org.enverify.platform.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.enverify.account.Memberships;
import org.enverify.account.User;
import org.enverify.account.Users;
import org.enverify.apikey.ApiKeys;
import org.enverify.mailoutbox.Mailer;
import org.enverify.realm.Permission;
import org.enverify.realm.Realms;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.enverify.support.UiClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The tests play a TLS-terminating proxy on 127.0.0.1, configured as trusted: its forwarded scheme and host count
 * for the session cookie, redirects and HSTS, while links in mails still come from {@code ENVERIFY_PUBLIC_URL}.
 */
@EnverifyIntegrationTest
@TestPropertySource(
        properties = {"enverify.trusted-proxies=127.0.0.1/32,::1/128", "enverify.public-url=https://verify.example.org"
        })
@Tag("security")
class TrustedProxyIntegrationTests {

    static final Map<String, String> FORWARDED = Map.of(
            "X-Forwarded-Proto", "https", "X-Forwarded-Host", "verify.example.org", "X-Forwarded-For", "203.0.113.9");

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

    @Test
    void theSessionCookieRedirectsAndHstsFollowTheProxysScheme(UiClient browser) {
        User worker = TestUsers.member(
                users, memberships, TestRealm.create(realms, apiKeys).id(), Permission.CASE_WORKER);
        FORWARDED.forEach(browser::header);

        UiClient.Page login = browser.get("/login");
        assertThat(login.headers().allValues("Set-Cookie"))
                .filteredOn(cookie -> cookie.startsWith("ENVERIFY_CSRF="))
                .isNotEmpty()
                .allSatisfy(cookie -> assertThat(cookie).containsIgnoringCase("; Secure"));
        assertThat(login.header("Strict-Transport-Security")).isNotNull();
        // the client speaks plain HTTP to the server, so its cookie jar keeps the Secure cookie back, which a
        // browser would send over the proxy's HTTPS: the test hands it over itself
        String csrfCookie = login.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("ENVERIFY_CSRF="))
                .map(cookie -> cookie.substring(0, cookie.indexOf(';')))
                .findFirst()
                .orElseThrow();
        browser.header("Cookie", csrfCookie);
        UiClient.Page signedIn =
                browser.post("/login", Map.of("email", worker.email(), "password", TestUsers.PASSWORD));
        assertThat(signedIn.status()).as("signed in").isEqualTo(302);
        assertThat(signedIn.headers().allValues("Set-Cookie"))
                .filteredOn(cookie -> cookie.startsWith("ENVERIFY_SESSION="))
                .isNotEmpty()
                .allSatisfy(cookie -> assertThat(cookie).containsIgnoringCase("; Secure"));
        assertThat(new UiClient(port)
                        .header("X-Forwarded-Proto", "https")
                        .header("X-Forwarded-Host", "verify.example.org")
                        .get("/codes/issue")
                        .location())
                .startsWith("https://verify.example.org/");
    }

    @Test
    void aForwardedHostThatIsNotThePublicOneNeverReachesAMail(UiClient browser) {
        User worker = TestUsers.member(
                users, memberships, TestRealm.create(realms, apiKeys).id(), Permission.CASE_WORKER);
        browser.get("/login/forgot-password");
        browser.header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "evil.example");
        browser.post("/login/forgot-password", Map.of("email", worker.email()));

        assertThat(mailer.outbox(500, 0))
                .filteredOn(mail -> mail.recipient().equals(worker.email()))
                .singleElement()
                .satisfies(mail -> assertThat(mail.body())
                        .contains("https://verify.example.org/login/reset/")
                        .doesNotContain("evil.example"));
    }
}
