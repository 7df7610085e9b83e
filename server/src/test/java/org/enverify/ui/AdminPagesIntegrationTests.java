package org.enverify.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.enverify.account.GeneratedPassword;
import org.enverify.account.Memberships;
import org.enverify.account.User;
import org.enverify.account.Users;
import org.enverify.apikey.ApiKeys;
import org.enverify.code.CodeRealmSettings;
import org.enverify.mailoutbox.Mailer;
import org.enverify.mailoutbox.OutboxMail;
import org.enverify.platform.Actor;
import org.enverify.realm.Permission;
import org.enverify.realm.Realm;
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
import org.springframework.jdbc.core.simple.JdbcClient;

/** Realm settings for realm admins, and the system admin's realms, users and outbox. */
@EnverifyIntegrationTest
class AdminPagesIntegrationTests {

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
    JdbcClient jdbc;

    TestRealm realm;

    @BeforeEach
    void setUp() {
        realm = TestRealm.create(realms, apiKeys);
    }

    @Test
    void aRealmAdminChangesSettingsButNotTheSystemOnlyOnes() {
        UiClient admin = signedIn(TestUsers.member(users, memberships, realm.id(), Permission.REALM_ADMIN));
        assertThat(admin.get("/realm/settings").body()).contains("name=\"require_date\"");
        UiClient.Page saved = admin.post(
                "/realm/settings",
                Map.of("require_date", "true", "maintenance_mode", "true", "allowed_past_days", "7"));
        assertThat(saved.location()).contains("/realm/settings?saved");
        Realm after = realms.find(realm.id()).orElseThrow();
        assertThat(after.settings(CodeRealmSettings.class).requireDate()).isTrue();
        assertThat(after.settings(CodeRealmSettings.class).allowedPastDays()).isEqualTo(7);
        assertThat(after.maintenanceMode()).isFalse();

        admin.get("/realm/settings");
        UiClient.Page refused = admin.post(
                "/realm/settings",
                Map.of("code_length", "99", "allowed_past_days", "3", "allowed_cidrs_ui", "10.0.0.0/99"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("code_length-error").contains("allowed_cidrs_ui-error");
        assertThat(realms.find(realm.id())
                        .orElseThrow()
                        .settings(CodeRealmSettings.class)
                        .allowedPastDays())
                .isEqualTo(7);
    }

    @Test
    void readingSettingsDoesNotAllowChangingThem() {
        UiClient reader = signedIn(TestUsers.member(users, memberships, realm.id(), Set.of(Permission.SETTINGS_READ)));
        assertThat(reader.get("/realm/settings").status()).isEqualTo(200);
        assertThat(reader.post("/realm/settings", Map.of("require_date", "true"))
                        .status())
                .isEqualTo(403);
        assertThat(realms.find(realm.id())
                        .orElseThrow()
                        .settings(CodeRealmSettings.class)
                        .requireDate())
                .isFalse();
    }

    @Test
    void aSystemAdminCreatesARealmAndPutsItInMaintenance() {
        UiClient admin = signedIn(TestUsers.systemAdmin(users));
        admin.get("/admin/realms");
        String name = "created-" + UUID.randomUUID();
        UiClient.Page created = admin.post("/admin/realms", Map.of("name", name));
        assertThat(created.location()).contains("created");
        Realm realm = realms.list().stream()
                .filter(candidate -> candidate.name().equals(name))
                .findFirst()
                .orElseThrow();
        admin.get("/admin/realms/" + realm.id());
        admin.post("/admin/realms/" + realm.id(), Map.of("maintenance_mode", "true"));
        assertThat(realms.find(realm.id()).orElseThrow().maintenanceMode()).isTrue();
        assertThat(admin.post("/admin/realms", Map.of("name", name)).status()).isEqualTo(422);
        assertThat(admin.get("/admin/realms/999999999").status()).isEqualTo(404);
    }

    @Test
    void systemPagesAreForSystemAdminsOnly() {
        UiClient member = signedIn(TestUsers.member(users, memberships, realm.id(), Permission.REALM_ADMIN));
        for (String path : new String[] {
            "/admin/realms",
            "/admin/users",
            "/admin/mail",
            "/admin/jobs",
            "/admin/events",
            "/admin/build",
            "/admin/realms/" + realm.id()
        }) {
            assertThat(member.get(path).status()).as(path).isEqualTo(403);
        }
        member.get("/realm/settings");
        assertThat(member.post("/admin/realms", Map.of("name", "sneaky-" + UUID.randomUUID()))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void theBuildInfoPageNamesTheCommitAndTheSchema() {
        UiClient admin = signedIn(TestUsers.systemAdmin(users));
        UiClient.Page page = admin.get("/admin/build");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text("dt:containsOwn(Commit) + dd > code")).matches("[0-9a-f]{7,}(-dirty)?");
        assertThat(page.text("dt:containsOwn(Database schema version) + dd"))
                .matches("\\d+")
                .isNotBlank();
        assertThat(page.body()).contains(Runtime.version().toString());
    }

    @Test
    void revokingSessionsSignsTheUserOutEverywhere() {
        User worker = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
        UiClient workerBrowser = signedIn(worker);
        assertThat(workerBrowser.get("/codes/issue").status()).isEqualTo(200);
        UiClient admin = signedIn(TestUsers.systemAdmin(users));
        admin.get("/admin/users");
        admin.postConfirmed("/admin/users/" + worker.id() + "/revoke", Map.of());
        UiClient.Page after = workerBrowser.get("/codes/issue");
        assertThat(after.status()).isEqualTo(302);
        assertThat(after.location()).contains("/login");
    }

    @Test
    void theOutboxShowsInvitationsToSystemAdmins() {
        UiClient admin = signedIn(TestUsers.systemAdmin(users));
        admin.get("/admin/users");
        String email = "new-admin-" + UUID.randomUUID() + "@example.org";
        admin.post("/admin/users", Map.of("email", email, "name", "New Admin"));
        assertThat(users.findByEmail(email).orElseThrow().systemAdmin()).isTrue();
        UiClient.Page outbox = admin.get("/admin/mail");
        assertThat(outbox.body()).contains(email);
        String mailPath =
                outbox.attribute("a[href~=^/admin/mail/\\d+$]:containsOwn(You are a system administrator)", "href");
        assertThat(admin.get(mailPath).body()).contains("/invitations/");
    }

    @Test
    @Tag("security")
    void theOutboxMasksLinksAndRevealsAnUnsentOneOnlyWithAnAuditEntry() {
        UiClient admin = signedIn(TestUsers.systemAdmin(users));
        admin.get("/admin/users");
        String email = "masked-" + UUID.randomUUID() + "@example.org";
        admin.post("/admin/users", Map.of("email", email, "name", "Masked Admin"));
        OutboxMail mail = mailer.outbox(200, 0).stream()
                .filter(m -> m.recipient().equals(email))
                .findFirst()
                .orElseThrow();
        Matcher link = Pattern.compile("/invitations/([A-Za-z0-9_-]{16,})").matcher(mail.body());
        assertThat(link.find()).isTrue();
        String token = link.group(1);

        UiClient.Page shown = admin.get("/admin/mail/" + mail.id());
        assertThat(shown.body())
                .contains("/invitations/" + token.substring(0, 4))
                .doesNotContain(token);
        assertThat(admin.get("/admin/mail").body()).doesNotContain(token);

        String reveal = "/admin/mail/" + mail.id() + "/reveal";
        assertThat(shown.attribute("form[action='" + reveal + "'] button[data-confirm]", "data-confirm-question"))
                .isEqualTo("Show the links in the mail to " + email + "?");
        UiClient.Page asked = admin.post(reveal, Map.of("confirmSubject", email));
        assertThat(asked.status()).isEqualTo(200);
        assertThat(asked.text("#confirm-question")).isEqualTo("Show the links in the mail to " + email + "?");
        assertThat(asked.text("#confirm-consequence")).contains("audit trail");
        assertThat(asked.body()).as("asking shows no link").doesNotContain(token);
        assertThat(revealsAudited(mail)).as("asking reveals nothing").isZero();

        UiClient.Page revealed = admin.postConfirmed(reveal, Map.of());
        assertThat(revealed.status()).isEqualTo(200);
        assertThat(revealed.body()).contains("/invitations/" + token);
        assertThat(revealsAudited(mail)).isEqualTo(1);
    }

    private long revealsAudited(OutboxMail mail) {
        return jdbc.sql("SELECT count(*) FROM audit_entries WHERE action = 'mail.reveal' AND target = ?")
                .param("mail:" + mail.id())
                .query(Long.class)
                .single();
    }

    @Test
    void aRealmConfinedToOtherNetworksShowsAClearPage(UiClient worker) {
        realms.update(realm.id(), Map.of("allowed_cidrs_ui", "10.99.0.0/16"), Actor.system());
        UiClient.Page landing = worker.signIn(
                TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER)
                        .email(),
                TestUsers.PASSWORD);
        assertThat(landing.status()).isEqualTo(403);
        assertThat(landing.body()).contains("Not from this network");
        assertThat(worker.get("/codes/issue").location()).endsWith("/login/select-realm");
    }

    @Test
    void aGeneratedPasswordMustBeChangedFirst(UiClient browser) {
        User user = users.create("forced-" + UUID.randomUUID() + "@example.org", "Forced", false);
        GeneratedPassword generated = users.generatePassword();
        users.setGeneratedPassword(user.id(), generated);
        memberships.setPermissions(Memberships.Granter.system(), realm.id(), user.id(), Permission.CASE_WORKER);
        UiClient.Page page = browser.signIn(user.email(), generated.text());
        assertThat(page.body()).contains("name=\"currentPassword\"");
        assertThat(browser.get("/codes/issue").location()).endsWith("/login/change-password");
        UiClient.Page changed = browser.post(
                "/login/change-password",
                Map.of(
                        "currentPassword",
                        generated.text(),
                        "password",
                        "my own lantern path",
                        "confirmation",
                        "my own lantern path"));
        assertThat(browser.follow(changed).body()).contains("name=\"testType\"");
    }

    @Test
    void theFirstStartCreatedASystemAdministratorWithAPasswordToChange() {
        User first = users.findByEmail("admin@localhost").orElseThrow();
        assertThat(first.systemAdmin()).isTrue();
        assertThat(first.mustChangePassword()).isTrue();
    }

    private UiClient signedIn(User user) {
        UiClient browser = new UiClient(port);
        browser.signIn(user.email(), TestUsers.PASSWORD);
        return browser;
    }
}
