package org.enverify.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.enverify.apikey.ApiKeys;
import org.enverify.audit.AuditEntries;
import org.enverify.audit.AuditEntry;
import org.enverify.audit.AuditQuery;
import org.enverify.mailoutbox.Mailer;
import org.enverify.mailoutbox.OutboxMail;
import org.enverify.mailoutbox.RealmMailAccounts;
import org.enverify.platform.Actor;
import org.enverify.realm.Permission;
import org.enverify.realm.Realm;
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

/**
 * A realm's account rules over real HTTP: its own mail texts, email verification, password rotation, and
 * the audit entries of what system administrators do to accounts.
 */
@EnverifyIntegrationTest
class AccountSecurityIntegrationTests {

    private static final String NEW_PASSWORD = "a lighthouse over the quiet bay";

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
    RealmMailAccounts mailAccounts;

    @Autowired
    AuditEntries audit;

    @Autowired
    MutableClock clock;

    TestRealm realm;

    @BeforeEach
    void setUp() {
        realm = TestRealm.create(realms, apiKeys);
    }

    @Test
    void mailTextsAreCheckedAuditedAndUsedForInvitationsAndResets(UiClient browser, UiClient anonymous) {
        User admin = TestUsers.member(users, memberships, realm.id(), Permission.REALM_ADMIN);
        browser.signIn(admin.email(), TestUsers.PASSWORD);
        assertThat(browser.get("/realm/settings").body())
                .contains("name=\"email_invite_template\"")
                .contains("Email texts");

        for (String refused :
                List.of("Join [realmname] today", "x".repeat(4001) + "[invitelink]", "\u0007[invitelink]")) {
            UiClient.Page page = browser.post("/realm/settings", Map.of("email_invite_template", refused));
            assertThat(page.status()).isEqualTo(422);
        }
        assertThat(browser.post("/realm/settings", Map.of("email_password_reset_template", "no link here"))
                        .body())
                .contains("must contain [passwordresetlink]");
        assertThat(realms.find(realm.id())
                        .orElseThrow()
                        .settings(MailTextRealmSettings.class)
                        .emailInviteTemplate())
                .isEmpty();

        UiClient.Page saved = browser.post(
                "/realm/settings",
                Map.of(
                        "email_invite_template",
                        "Welcome to [realmname] <b>&</b>: [invitelink]",
                        "email_password_reset_template",
                        "Reset for [realmname]: [passwordresetlink]"));
        assertThat(saved.location()).contains("/realm/settings?saved");
        Realm changed = realms.find(realm.id()).orElseThrow();
        assertThat(changed.settings(MailTextRealmSettings.class).emailInviteTemplate())
                .isEqualTo("Welcome to [realmname] <b>&</b>: [invitelink]");
        assertThat(audit.page(realm.id(), AuditQuery.all(0, 50)).entries())
                .anyMatch(entry -> entry.action().equals("realm.update")
                        && entry.actor().equals("users:" + admin.id())
                        && entry.diff().containsKey("email_invite_template"));

        String builtIn = "built-in-" + UUID.randomUUID() + "@example.org";
        browser.get("/realm/users/new");
        browser.post("/realm/users", Map.of("email", builtIn, "name", "Built-in", "permission", "CodeIssue"));
        assertThat(mailTo(builtIn).body())
                .as("without its own SMTP account or leave to use the system one, the realm mails the built-in text")
                .startsWith("Hello,");

        realms.update(realm.id(), Map.of("can_use_system_email_config", "true"), Actor.system());
        mailAccounts.useSystem(realm.id(), Actor.cli());
        String email = "templated-" + UUID.randomUUID() + "@example.org";
        browser.get("/realm/users/new");
        browser.post("/realm/users", Map.of("email", email, "name", "Templated", "permission", "CodeIssue"));
        assertThat(mailTo(email).body())
                .startsWith("Welcome to " + changed.name() + " <b>&</b>: http://localhost:" + port + "/invitations/");

        anonymous.get("/login/forgot-password");
        anonymous.post("/login/forgot-password", Map.of("email", admin.email()));
        assertThat(mailTo(admin.email()).body()).startsWith("Reset for " + changed.name() + ": http://");

        TestRealm second = TestRealm.create(realms, apiKeys);
        User twoRealms = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
        memberships.setPermissions(
                Memberships.Granter.system(), second.id(), twoRealms.id(), Set.of(Permission.CODE_ISSUE));
        anonymous.post("/login/forgot-password", Map.of("email", twoRealms.email()));
        assertThat(mailTo(twoRealms.email()).body())
                .as("a member of two realms gets the built-in text")
                .startsWith("Hello,");
    }

    @Test
    void onlyAdministratorsWhoMayWriteSettingsChangeTheMailTexts(UiClient browser) {
        User reader = TestUsers.member(users, memberships, realm.id(), Set.of(Permission.SETTINGS_READ));
        browser.signIn(reader.email(), TestUsers.PASSWORD);
        browser.get("/realm/settings");
        assertThat(browser.post("/realm/settings", Map.of("email_invite_template", "Hi [invitelink]"))
                        .status())
                .isEqualTo(403);
        assertThat(realms.find(realm.id())
                        .orElseThrow()
                        .settings(MailTextRealmSettings.class)
                        .emailInviteTemplate())
                .isEmpty();
        assertThat(browser.post("/realm/settings", Map.of("password_rotation_days", "30"))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void accountSecuritySettingsRefuseBadValuesAndStoreNothing(UiClient browser) {
        User admin = TestUsers.member(users, memberships, realm.id(), Permission.REALM_ADMIN);
        browser.signIn(admin.email(), TestUsers.PASSWORD);
        browser.get("/realm/settings");
        for (Map<String, String> refused : List.of(
                Map.of("email_verification", "sometimes"),
                Map.of("password_rotation_days", "366"),
                Map.of("password_rotation_days", "-1"),
                Map.of("password_rotation_days", "30; DROP TABLE realms"),
                Map.of("password_rotation_days", "10", "password_rotation_warning_days", "20"))) {
            assertThat(browser.post("/realm/settings", refused).status())
                    .as(refused.toString())
                    .isEqualTo(422);
        }
        Realm unchanged = realms.find(realm.id()).orElseThrow();
        assertThat(unchanged.settings(AccountRealmSettings.class).passwordRotationDays())
                .isZero();
        assertThat(unchanged
                        .settings(AccountRealmSettings.class)
                        .emailVerification()
                        .settingValue())
                .isEqualTo("off");
    }

    @Test
    void aRealmThatRequiresAVerifiedEmailWaitsForTheLink(UiClient browser, UiClient elsewhere) {
        realms.update(
                realm.id(),
                Map.of(
                        "email_verification",
                        "required",
                        "email_verify_template",
                        "[realmname] asks: [verifylink]",
                        "can_use_system_email_config",
                        "true"),
                Actor.system());
        mailAccounts.useSystem(realm.id(), Actor.cli());
        User worker = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
        UiClient.Page landing = browser.signIn(worker.email(), TestUsers.PASSWORD);
        assertThat(landing.body()).contains("requires a verified email address").contains("Send the verification link");
        assertThat(browser.get("/codes/issue").location()).endsWith("/account/verify-email?required");

        browser.get("/account/verify-email");
        assertThat(browser.post("/account/verify-email", Map.of()).location()).endsWith("/account/verify-email?sent");
        OutboxMail mail = mailTo(worker.email());
        String name = realms.find(realm.id()).orElseThrow().name();
        assertThat(mail.body()).startsWith(name + " asks: http://localhost:" + port + "/verify-email/");
        browser.post("/account/verify-email", Map.of());
        assertThat(mailsTo(worker.email())).as("one mail a minute at most").hasSize(1);

        String link = linkIn(mail.body(), "/verify-email/");
        assertThat(elsewhere.get(link).body()).contains("Verify my address");
        assertThat(users.find(worker.id()).orElseThrow().emailVerified())
                .as("opening the link alone verifies nothing")
                .isFalse();
        UiClient.Page verified = elsewhere.post(link, Map.of());
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.body()).contains("Your email address is verified.");
        UiClient.Page reused = elsewhere.post(link, Map.of());
        assertThat(reused.status()).isEqualTo(410);
        assertThat(reused.body()).contains("already been used").contains("/account/verify-email");

        assertThat(browser.get("/codes/issue").status()).isEqualTo(200);
        assertThat(new UiClient(port).get("/verify-email/not-a-token").status()).isEqualTo(404);
    }

    @Test
    void anExpiredVerificationLinkShowsAClearPage(UiClient browser, UiClient later) {
        User worker = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
        browser.signIn(worker.email(), TestUsers.PASSWORD);
        browser.get("/account/verify-email");
        browser.post("/account/verify-email", Map.of());
        String link = linkIn(mailTo(worker.email()).body(), "/verify-email/");
        assertThat(mailTo(worker.email()).body())
                .as("no realm text: the built-in one")
                .startsWith("Hello,");
        clock.advance(Duration.ofHours(25));
        later.get("/login");
        UiClient.Page expired = later.post(link, Map.of());
        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.body()).contains("The link has expired.");
        assertThat(users.find(worker.id()).orElseThrow().emailVerified()).isFalse();
    }

    @Test
    void aPromptingRealmShowsANoticeAndAnAcceptedInvitationCountsAsVerified(
            UiClient browser, UiClient adminBrowser, UiClient newcomer) {
        realms.update(realm.id(), Map.of("email_verification", "prompt"), Actor.system());
        User worker = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
        UiClient.Page landing = browser.signIn(worker.email(), TestUsers.PASSWORD);
        assertThat(landing.body()).contains("name=\"testType\"").contains("not verified yet");

        realms.update(realm.id(), Map.of("email_verification", "required"), Actor.system());
        User admin = TestUsers.member(users, memberships, realm.id(), Permission.REALM_ADMIN);
        users.markEmailVerified(admin.id());
        adminBrowser.signIn(admin.email(), TestUsers.PASSWORD);
        String email = "invited-" + UUID.randomUUID() + "@example.org";
        adminBrowser.get("/realm/users/new");
        adminBrowser.post("/realm/users", Map.of("email", email, "name", "Invited", "permission", "CodeIssue"));
        String link = linkIn(mailTo(email).body(), "/invitations/");
        newcomer.get(link);
        newcomer.post(link, Map.of("password", NEW_PASSWORD, "confirmation", NEW_PASSWORD));
        assertThat(newcomer.signIn(email, NEW_PASSWORD).body())
                .contains("name=\"testType\"")
                .doesNotContain("not verified");
    }

    @Test
    void anOldPasswordWarnsThenMustBeChanged(UiClient fresh, UiClient warned, UiClient expired) {
        realms.update(
                realm.id(),
                Map.of("password_rotation_days", "30", "password_rotation_warning_days", "7"),
                Actor.system());
        User worker = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
        assertThat(fresh.signIn(worker.email(), TestUsers.PASSWORD).body()).doesNotContain("password expires");

        clock.advance(Duration.ofDays(25));
        assertThat(warned.signIn(worker.email(), TestUsers.PASSWORD).body())
                .contains("name=\"testType\"")
                .contains("Your password expires in 5 days.");

        clock.advance(Duration.ofDays(6));
        UiClient.Page forced = expired.signIn(worker.email(), TestUsers.PASSWORD);
        assertThat(forced.body()).contains("name=\"currentPassword\"").contains("older than its rotation period");
        assertThat(expired.get("/codes/issue").location()).endsWith("/login/change-password?expired");
        UiClient.Page changed = expired.post(
                "/login/change-password",
                Map.of("currentPassword", TestUsers.PASSWORD, "password", NEW_PASSWORD, "confirmation", NEW_PASSWORD));
        assertThat(expired.follow(changed).body()).contains("name=\"testType\"");
    }

    @Test
    void whatASystemAdministratorDoesToAccountsIsAudited(UiClient browser) {
        User admin = TestUsers.systemAdmin(users);
        User other = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
        browser.signIn(admin.email(), TestUsers.PASSWORD);
        browser.get("/admin/users");
        browser.postConfirmed("/admin/users/" + other.id() + "/system-admin", Map.of("value", "true"));
        browser.postConfirmed("/admin/users/" + other.id() + "/revoke", Map.of());
        browser.postConfirmed("/admin/users/" + other.id() + "/delete", Map.of());
        assertThat(users.find(other.id())).isEmpty();

        List<AuditEntry> entries = systemEntries("users:" + admin.id());
        assertThat(entries)
                .filteredOn(entry -> entry.target().equals("users:" + other.id()))
                .extracting(AuditEntry::action)
                .containsExactlyInAnyOrder("user.system_admin", "user.revoke_sessions", "user.delete");
        assertThat(entries)
                .filteredOn(entry -> entry.action().equals("user.delete"))
                .singleElement()
                .satisfies(entry -> assertThat(entry.diff()).containsKey("email"));
        assertThat(audit.page(realm.id(), AuditQuery.all(0, 50)).entries())
                .anyMatch(entry -> entry.action().equals("membership.delete")
                        && entry.actor().equals("users:" + admin.id())
                        && entry.target().equals("users:" + other.id()));

        String email = "promoted-" + UUID.randomUUID() + "@example.org";
        browser.get("/admin/users");
        browser.post("/admin/users", Map.of("email", email, "name", "Promoted"));
        long promoted = users.findByEmail(email).orElseThrow().id();
        assertThat(systemEntries("users:" + admin.id()))
                .anyMatch(entry -> entry.action().equals("user.system_admin")
                        && entry.target().equals("users:" + promoted));
    }

    private List<AuditEntry> systemEntries(String actor) {
        return audit.pageSystemWide(new AuditQuery(null, null, actor, null, false, 0, AuditQuery.MAX_SIZE))
                .entries();
    }

    private List<OutboxMail> mailsTo(String recipient) {
        return mailer.outbox(200, 0).stream()
                .filter(mail -> mail.recipient().equals(recipient))
                .toList();
    }

    private OutboxMail mailTo(String recipient) {
        return mailsTo(recipient).stream().findFirst().orElseThrow(() -> new AssertionError("no mail to " + recipient));
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
