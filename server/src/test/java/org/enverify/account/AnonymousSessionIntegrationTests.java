package org.enverify.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.enverify.apikey.ApiKeys;
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
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Pages for people not signed in write no session row, so anonymous requests cannot fill the session
 * table; their forms are still protected from cross-site posts by a CSRF token.
 */
@EnverifyIntegrationTest
@Tag("security")
class AnonymousSessionIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    Users users;

    @Autowired
    Memberships memberships;

    @Test
    void anonymousPagesWriteNoSessionRow() {
        Set<String> before = sessionIds();

        for (int i = 0; i < 40; i++) {
            for (String path : List.of("/login", "/login/forgot-password")) {
                UiClient.Page page = new UiClient(port).get(path);
                assertThat(page.status()).isEqualTo(200);
                assertThat(page.body()).contains("name=\"_csrf\"");
                assertThat(page.headers().allValues("Set-Cookie"))
                        .noneMatch(cookie -> cookie.startsWith("ENVERIFY_SESSION="));
            }
        }

        assertThat(sessionIds()).isSubsetOf(before);
    }

    @Test
    void aSignInWithoutTheFormsTokenIsRefused(UiClient browser) {
        String email = member();
        browser.get("/login");

        UiClient.Page withoutToken =
                browser.postExactly("/login", Map.of("email", email, "password", TestUsers.PASSWORD));
        assertThat(withoutToken.status()).isEqualTo(403);

        UiClient.Page forgedToken = browser.postExactly(
                "/login", Map.of("email", email, "password", TestUsers.PASSWORD, "_csrf", "forged"));
        assertThat(forgedToken.status()).isEqualTo(403);
        assertThat(signedInSessions(email)).isZero();

        browser.get("/login");
        UiClient.Page signedIn = browser.post("/login", Map.of("email", email, "password", TestUsers.PASSWORD));
        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.location()).endsWith("/login/continue");
        assertThat(signedInSessions(email)).isOne();
    }

    @Test
    void aTokenOfAnotherBrowserIsRefused(UiClient attacker, UiClient victim) {
        String email = member();
        String attackersToken = attacker.get("/login").attribute("input[name=_csrf]", "value");
        victim.get("/login");

        UiClient.Page posted = victim.postExactly(
                "/login", Map.of("email", email, "password", TestUsers.PASSWORD, "_csrf", attackersToken));

        assertThat(posted.status()).isEqualTo(403);
        assertThat(signedInSessions(email)).isZero();
    }

    private String member() {
        TestRealm realm = TestRealm.create(realms, apiKeys);
        return TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER)
                .email();
    }

    private Set<String> sessionIds() {
        return Set.copyOf(jdbc.sql("SELECT session_id FROM spring_session")
                .query(String.class)
                .list());
    }

    private long signedInSessions(String email) {
        return jdbc.sql("SELECT count(*) FROM spring_session s JOIN users u ON s.principal_name = u.id::text"
                        + " WHERE u.email = ?")
                .param(email)
                .query(Long.class)
                .single();
    }
}
