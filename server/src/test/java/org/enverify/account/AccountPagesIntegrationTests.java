package org.enverify.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.enverify.apikey.ApiKeys;
import org.enverify.mailoutbox.Mailer;
import org.enverify.mailoutbox.OutboxMail;
import org.enverify.realm.Permission;
import org.enverify.realm.Realms;
import org.enverify.support.ApiClient;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.enverify.support.UiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Realm admins invite people and manage API keys; people accept invitations and reset passwords by mail. */
@EnverifyIntegrationTest
class AccountPagesIntegrationTests {

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

    TestRealm realm;
    UiClient admin;

    @BeforeEach
    void setUp(UiClient admin) {
        realm = TestRealm.create(realms, apiKeys);
        User realmAdmin = TestUsers.member(users, memberships, realm.id(), Permission.REALM_ADMIN);
        this.admin = admin;
        admin.signIn(realmAdmin.email(), TestUsers.PASSWORD);
    }

    @Test
    void anInvitedPersonChoosesAPasswordAndLandsOnTheirFirstPage(UiClient newcomer) {
        String email = "invited-" + UUID.randomUUID() + "@example.org";
        admin.get("/realm/users/new");
        UiClient.Page invited =
                admin.post("/realm/users", Map.of("email", email, "name", "Ada Worker", "permission", "CodeIssue"));
        assertThat(invited.status()).isEqualTo(302);
        assertThat(invited.location()).contains("/realm/users?invited");

        String link = linkIn(mailTo(email).body(), "/invitations/");
        UiClient.Page form = newcomer.get(link);
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains(email);
        assertThat(newcomer.post(link, Map.of("password", "short", "confirmation", "short"))
                        .status())
                .isEqualTo(422);
        UiClient.Page accepted = newcomer.post(
                link, Map.of("password", "a river of quiet lanterns", "confirmation", "a river of quiet lanterns"));
        assertThat(accepted.location()).contains("/login?invitationAccepted");

        UiClient.Page landing = newcomer.signIn(email, "a river of quiet lanterns");
        assertThat(landing.body()).contains("name=\"testType\"");
        UiClient.Page reused = new UiClient(port).get(link);
        assertThat(reused.status()).isEqualTo(410);
        assertThat(reused.body()).contains("already been used");
    }

    @Test
    void anAdminCannotGrantWhatTheyDoNotHold(UiClient browser) {
        User limited =
                TestUsers.member(users, memberships, realm.id(), Set.of(Permission.USER_READ, Permission.USER_WRITE));
        browser.signIn(limited.email(), TestUsers.PASSWORD);
        browser.get("/realm/users/new");
        String email = "escalated-" + UUID.randomUUID() + "@example.org";
        UiClient.Page refused =
                browser.post("/realm/users", Map.of("email", email, "name", "Eve", "permission", "SettingsWrite"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(users.findByEmail(email)).isEmpty();
    }

    @Test
    void aMemberOfAnotherRealmIsNotFound(TestRealm other) {
        User stranger = TestUsers.member(users, memberships, other.id(), Permission.CASE_WORKER);
        assertThat(admin.get("/realm/users/" + stranger.id()).status()).isEqualTo(404);
        admin.get("/realm/users");
        assertThat(admin.postConfirmed("/realm/users/" + stranger.id(), Map.of("permission", "CodeRead"))
                        .status())
                .isEqualTo(404);
        assertThat(memberships.find(realm.id(), stranger.id())).isEmpty();
    }

    @Test
    void anApiKeyCreatedInTheBrowserIsShownOnceAndWorks(ApiClient api) {
        admin.get("/realm/apikeys");
        UiClient.Page created = admin.post("/realm/apikeys", Map.of("name", "lab system", "type", "ADMIN"));
        assertThat(created.status()).isEqualTo(200);
        String key = created.text("#created-key");
        assertThat(api.post("/api/issue", key, "{\"testType\":\"confirmed\"}").status())
                .isEqualTo(200);
        assertThat(admin.get("/realm/apikeys").body()).doesNotContain(key).contains("lab system");

        long id = apiKeys.list(realm.id()).stream()
                .filter(summary -> summary.name().equals("lab system"))
                .findFirst()
                .orElseThrow()
                .id();
        admin.postConfirmed("/realm/apikeys/" + id + "/disable", Map.of());
        assertThat(api.post("/api/issue", key, "{\"testType\":\"confirmed\"}").status())
                .isEqualTo(401);

        assertThat(admin.post("/realm/apikeys", Map.of("name", "lab system", "type", "ADMIN"))
                        .status())
                .isEqualTo(422);
        assertThat(admin.post("/realm/apikeys", Map.of("name", "x", "type", "ROOT"))
                        .status())
                .isEqualTo(422);
        TestRealm other = TestRealm.create(realms, apiKeys);
        long foreign = apiKeys.list(other.id()).getFirst().id();
        assertThat(admin.postConfirmed("/realm/apikeys/" + foreign + "/disable", Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(apiKeys.find(other.id(), foreign).orElseThrow().enabled()).isTrue();
    }

    @Test
    void aTakenApiKeyNameIsShownNextToTheNameInThePagesLanguage() {
        admin.get("/realm/apikeys");
        assertThat(admin.post("/realm/apikeys", Map.of("name", "lab feed", "type", "ADMIN"))
                        .status())
                .isEqualTo(200);
        admin.header("Accept-Language", "es");
        UiClient.Page taken = admin.post("/realm/apikeys", Map.of("name", "lab feed", "type", "DEVICE"));
        assertThat(taken.status()).isEqualTo(422);
        assertThat(taken.body())
                .contains("id=\"name-error\"", "El dominio ya tiene una clave con este nombre.")
                .doesNotContain("already has a key");
    }

    @Test
    void aPasswordResetLinkWorksOnceAndExpires(UiClient browser) {
        User worker = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
        browser.get("/login/forgot-password");
        assertThat(browser.post("/login/forgot-password", Map.of("email", worker.email()))
                        .location())
                .contains("resetSent");
        String link = linkIn(mailTo(worker.email()).body(), "/login/reset/");
        browser.get(link);
        assertThat(browser.post(
                                link,
                                Map.of(
                                        "password",
                                        "new lanterns by the river",
                                        "confirmation",
                                        "new lanterns by the river"))
                        .location())
                .contains("passwordReset");
        assertThat(new UiClient(port).signIn(worker.email(), TestUsers.PASSWORD).body())
                .contains("wrong");
        assertThat(new UiClient(port)
                        .signIn(worker.email(), "new lanterns by the river")
                        .status())
                .isEqualTo(200);

        browser.post("/login/forgot-password", Map.of("email", worker.email()));
        String second = linkIn(mailTo(worker.email()).body(), "/login/reset/");
        clock.advance(Duration.ofHours(2));
        try {
            assertThat(new UiClient(port).get(second).status()).isEqualTo(410);
        } finally {
            clock.advance(Duration.ofHours(-2));
        }
    }

    @Test
    void askingForAResetSaysNothingAboutUnknownEmails(UiClient browser) {
        String nobody = "nobody-" + UUID.randomUUID() + "@example.org";
        browser.get("/login/forgot-password");
        assertThat(browser.post("/login/forgot-password", Map.of("email", nobody))
                        .location())
                .contains("resetSent");
        assertThat(mailer.outbox(200, 0)).noneMatch(mail -> mail.recipient().equals(nobody));
    }

    @Test
    void repeatedSignInAttemptsAreThrottledPerAccount(UiClient browser) {
        User worker = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
        UiClient.Page last = null;
        for (int attempt = 0; attempt < 11; attempt++) {
            browser.get("/login");
            last = browser.post("/login", Map.of("email", worker.email(), "password", "not the password"));
        }
        assertThat(last.location()).contains("/login?throttled=");
        assertThat(browser.follow(last).body()).contains("Too many sign-in attempts");
    }

    @Test
    void usersAreExportedImportedAndChangedInBulk() {
        User worker = TestUsers.member(users, memberships, realm.id(), Set.of(Permission.CODE_ISSUE));
        UiClient.Page exported = admin.get("/realm/users/export.csv");
        assertThat(exported.status()).isEqualTo(200);
        assertThat(exported.body())
                .startsWith("email,name,permissions,joined")
                .contains(worker.email() + ",Test User,CodeIssue,");

        String first = "imported-" + UUID.randomUUID() + "@example.org";
        String csv =
                "email,name,permissions\n" + first + ",Imported One,CodeIssue CodeRead\nnot-an-email,Broken,CodeIssue\n"
                        + "x-" + UUID.randomUUID() + "@example.org,Unknown,Wizardry\n";
        admin.get("/realm/users/import");
        UiClient.Page imported =
                admin.postFile("/realm/users/import", "file", "users.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(imported.status()).isEqualTo(200);
        assertThat(imported.body())
                .contains("Invited or updated")
                .contains("Enter an email address")
                .contains("permission name");
        User importedUser = users.findByEmail(first).orElseThrow();
        assertThat(memberships.find(realm.id(), importedUser.id()).orElseThrow().permissions())
                .containsExactlyInAnyOrder(Permission.CODE_ISSUE, Permission.CODE_READ);
        assertThat(users.findByEmail("not-an-email")).isEmpty();

        admin.get("/realm/users");
        UiClient.Page changed = admin.postConfirmed(
                "/realm/users/bulk-permissions",
                Map.of("user", Long.toString(worker.id()), "permission", "CodeExpire", "change", "add"));
        assertThat(changed.location()).contains("changed").doesNotContain("refused");
        assertThat(memberships.find(realm.id(), worker.id()).orElseThrow().permissions())
                .containsExactlyInAnyOrder(Permission.CODE_ISSUE, Permission.CODE_EXPIRE);
    }

    @Test
    void aHugeFormPostIsRefusedAndStoresNothing() {
        admin.get("/realm/users/new");
        String email = "huge-" + UUID.randomUUID() + "@example.org";
        UiClient.Page refused = admin.post(
                "/realm/users",
                Map.of("email", email, "name", "x".repeat(10 * 1024 * 1024), "permission", "CodeIssue"));
        assertThat(refused.status()).isEqualTo(413);
        assertThat(users.findByEmail(email)).isEmpty();
    }

    private OutboxMail mailTo(String recipient) {
        return mailer.outbox(200, 0).stream()
                .filter(mail -> mail.recipient().equals(recipient))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no mail to " + recipient));
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
