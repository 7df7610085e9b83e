package org.enverify.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.enverify.apikey.ApiKeys;
import org.enverify.mailoutbox.Mailer;
import org.enverify.mailoutbox.OutboxMail;
import org.enverify.realm.Permission;
import org.enverify.realm.Realms;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.enverify.support.UiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Without {@code ENVERIFY_PUBLIC_URL}, links in mails point to the address the server listens on, and a request
 * that came by any other host name mails no link: the Host a client chose never reaches a mail.
 */
@EnverifyIntegrationTest
@Tag("security")
class MailLinkSecurityIntegrationTests {

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

    TestRealm realm;

    @BeforeEach
    void setUp() {
        realm = TestRealm.create(realms, apiKeys);
    }

    @Test
    void aPasswordResetAskedForOnAForeignHostMailsNothing() {
        User worker = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
        UiClient stranger = new UiClient(port).header("Host", "evil.example");
        stranger.get("/login/forgot-password");
        UiClient.Page answer = stranger.post("/login/forgot-password", Map.of("email", worker.email()));

        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.location()).as("the same answer as for a mailed link").contains("/login?resetSent");
        assertThat(mailsTo(worker.email())).isEmpty();
    }

    @Test
    void aPasswordResetAskedForOnTheListeningAddressLinksThere(UiClient browser) {
        User worker = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
        browser.get("/login/forgot-password");
        browser.post("/login/forgot-password", Map.of("email", worker.email()));

        assertThat(mailsTo(worker.email()))
                .singleElement()
                .satisfies(mail -> assertThat(mail.body()).contains("http://localhost:" + port + "/login/reset/"));
    }

    @Test
    void anInvitationSentFromAForeignHostIsRefusedAndMailsNothing(UiClient browser) {
        User admin = TestUsers.member(users, memberships, realm.id(), Permission.REALM_ADMIN);
        browser.signIn(admin.email(), TestUsers.PASSWORD);
        browser.get("/realm/users/new");
        String email = "invited-" + UUID.randomUUID() + "@example.org";

        UiClient.Page refused = browser.header("Host", "evil-invite.example")
                .post("/realm/users", Map.of("email", email, "name", "Ada", "permission", "CodeIssue"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("ENVERIFY_PUBLIC_URL");
        assertThat(mailsTo(email)).isEmpty();
        assertThat(users.findByEmail(email)).as("nothing half-done").isEmpty();
    }

    private List<OutboxMail> mailsTo(String recipient) {
        return mailer.outbox(500, 0).stream()
                .filter(mail -> mail.recipient().equals(recipient))
                .toList();
    }
}
