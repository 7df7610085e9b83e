package org.enverify.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.enverify.mailoutbox.Mailer;
import org.enverify.platform.Actor;
import org.enverify.realm.Permission;
import org.enverify.realm.Realms;
import org.enverify.support.HostNamesIntegrationTest;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.enverify.support.UiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * On a realm's own host, links in mails point to that host, built from the host suffix and the realm's slug; a
 * trusted proxy (127.0.0.1 here) may name it in {@code X-Forwarded-Host}, and its scheme counts.
 */
@HostNamesIntegrationTest
@Tag("security")
class RealmHostMailLinkIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Realms realms;

    @Autowired
    Users users;

    @Autowired
    Memberships memberships;

    @Autowired
    Mailer mailer;

    User worker;
    String host;

    @BeforeEach
    void setUp(TestRealm realm) {
        String slug = "links" + UUID.randomUUID().toString().substring(0, 8);
        realms.update(realm.id(), Map.of("slug", slug), Actor.cli());
        host = slug + "." + HostNamesIntegrationTest.SUFFIX;
        worker = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
    }

    @Test
    void aResetAskedForOnARealmHostLinksToThatHost() {
        UiClient browser = new UiClient(port).header("Host", host);
        browser.get("/login/forgot-password");
        browser.post("/login/forgot-password", Map.of("email", worker.email()));

        assertThat(resetMail()).contains("http://" + host + "/login/reset/");
    }

    @Test
    void aRealmHostForwardedByTheTrustedProxyCountsWithItsScheme() {
        UiClient browser = new UiClient(port).header("X-Forwarded-Host", host);
        browser.get("/login/forgot-password");
        browser.header("X-Forwarded-Proto", "https").post("/login/forgot-password", Map.of("email", worker.email()));

        assertThat(resetMail()).contains("https://" + host + "/login/reset/");
    }

    private String resetMail() {
        return mailer.outbox(500, 0).stream()
                .filter(mail -> mail.recipient().equals(worker.email()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no mail to " + worker.email()))
                .body();
    }
}
