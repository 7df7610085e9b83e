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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** An account waiting for its password belongs to whoever invited it: another realm's admin only adds a membership. */
@EnverifyIntegrationTest
@Tag("security")
class InvitationOwnershipIntegrationTests {

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
    void aRealmAdminCannotReplaceASystemAdminInvitation() {
        String email = "pending-admin-" + UUID.randomUUID() + "@example.org";
        UiClient systemAdmin = signedIn(TestUsers.systemAdmin(users));
        systemAdmin.get("/admin/users");
        systemAdmin.post("/admin/users", Map.of("email", email, "name", "New Admin"));
        String systemAdminLink = linkIn(onlyMailTo(email).body(), "/invitations/");

        TestRealm realm = TestRealm.create(realms, apiKeys);
        UiClient realmAdmin = signedIn(TestUsers.member(users, memberships, realm.id(), Permission.REALM_ADMIN));
        realmAdmin.get("/realm/users/new");
        UiClient.Page invited =
                realmAdmin.post("/realm/users", Map.of("email", email, "name", "Someone", "permission", "CodeIssue"));
        assertThat(invited.location()).contains("/realm/users?invited");

        User pending = users.findByEmail(email).orElseThrow();
        assertThat(memberships.find(realm.id(), pending.id()))
                .as("the realm's membership")
                .isPresent();
        assertThat(pending.systemAdmin()).isTrue();
        assertThat(pending.hasPassword()).isFalse();
        assertThat(new UiClient(port).get(systemAdminLink).status())
                .as("the system admin's invitation still works")
                .isEqualTo(200);
        assertThat(mailsTo(email))
                .as("no second link to choose the password")
                .filteredOn(mail -> mail.body().contains("/invitations/"))
                .hasSize(1);
    }

    @Test
    void aRealmAdminCannotReplaceAnotherRealmsInvitation() {
        String email = "pending-" + UUID.randomUUID() + "@example.org";
        TestRealm first = TestRealm.create(realms, apiKeys);
        UiClient firstAdmin = signedIn(TestUsers.member(users, memberships, first.id(), Permission.REALM_ADMIN));
        firstAdmin.get("/realm/users/new");
        firstAdmin.post("/realm/users", Map.of("email", email, "name", "Someone", "permission", "CodeIssue"));
        String firstLink = linkIn(onlyMailTo(email).body(), "/invitations/");

        TestRealm second = TestRealm.create(realms, apiKeys);
        UiClient secondAdmin = signedIn(TestUsers.member(users, memberships, second.id(), Permission.REALM_ADMIN));
        secondAdmin.get("/realm/users/new");
        secondAdmin.post("/realm/users", Map.of("email", email, "name", "Someone", "permission", "CodeIssue"));

        User pending = users.findByEmail(email).orElseThrow();
        assertThat(memberships.find(second.id(), pending.id())).isPresent();
        assertThat(new UiClient(port).get(firstLink).status()).isEqualTo(200);
        assertThat(mailsTo(email))
                .filteredOn(mail -> mail.body().contains("/invitations/"))
                .hasSize(1);

        firstAdmin.get("/realm/users/new");
        firstAdmin.post("/realm/users", Map.of("email", email, "name", "Someone", "permission", "CodeIssue"));
        assertThat(new UiClient(port).get(firstLink).status())
                .as("the realm that invited the account may send a new link")
                .isEqualTo(410);
    }

    private UiClient signedIn(User user) {
        UiClient browser = new UiClient(port);
        browser.signIn(user.email(), TestUsers.PASSWORD);
        return browser;
    }

    private List<OutboxMail> mailsTo(String recipient) {
        return mailer.outbox(500, 0).stream()
                .filter(mail -> mail.recipient().equals(recipient))
                .toList();
    }

    private OutboxMail onlyMailTo(String recipient) {
        List<OutboxMail> mails = mailsTo(recipient);
        assertThat(mails).hasSize(1);
        return mails.getFirst();
    }

    private static String linkIn(String body, String path) {
        int start = body.indexOf(path);
        assertThat(start).as("a link to " + path + " in:\n" + body).isNotNegative();
        int end = start;
        while (end < body.length() && !Character.isWhitespace(body.charAt(end))) {
            end++;
        }
        return body.substring(start, end);
    }
}
