package org.enverify.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.enverify.account.Memberships;
import org.enverify.account.User;
import org.enverify.account.Users;
import org.enverify.apikey.ApiKeys;
import org.enverify.realm.Permission;
import org.enverify.realm.Realms;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.enverify.support.UiClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Destructive and privilege-changing actions ask before they run, without JavaScript: the post answers a page with
 * the question, the consequences and a button that posts the same fields confirmed, and changes nothing until then.
 */
@EnverifyIntegrationTest
class ConfirmationPagesIntegrationTests {

    @Autowired
    Users users;

    @Autowired
    Memberships memberships;

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Test
    void deletingAnAccountAsksFirstInTheViewersLanguage(UiClient admin, TestRealm realm) {
        User worker = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
        admin.header("Accept-Language", "es");
        admin.signIn(TestUsers.systemAdmin(users).email(), TestUsers.PASSWORD);
        UiClient.Page list = admin.get("/admin/users");
        assertThat(list.attribute(
                        "form[action='/admin/users/" + worker.id() + "/delete'] button[data-confirm]",
                        "data-confirm-question"))
                .isEqualTo("¿Eliminar la cuenta " + worker.email() + "?");

        UiClient.Page asked =
                admin.post("/admin/users/" + worker.id() + "/delete", Map.of("confirmSubject", worker.email()));
        assertThat(asked.status()).isEqualTo(200);
        assertThat(asked.text("#confirm-question")).isEqualTo("¿Eliminar la cuenta " + worker.email() + "?");
        assertThat(asked.text("#confirm-consequence")).contains("No se puede deshacer");
        assertThat(asked.text("main form button[type=submit]")).isEqualTo("Eliminar la cuenta");
        assertThat(asked.attribute("main form a", "href")).isEqualTo("/");
        assertThat(users.find(worker.id())).as("asking deleted nothing").isPresent();

        UiClient.Page confirmed = admin.post(
                asked.attribute("main form", "action"),
                Map.of(
                        "confirmSubject",
                        asked.attribute("main form input[name=confirmSubject]", "value"),
                        "confirmed",
                        asked.attribute("main form input[name=confirmed]", "value")));
        assertThat(confirmed.status()).isEqualTo(302);
        assertThat(users.find(worker.id())).isEmpty();
    }

    @Test
    void aConfirmationPageRepostsEveryFieldOfTheForm(UiClient admin, TestRealm realm) {
        User member = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
        admin.signIn(
                TestUsers.member(users, memberships, realm.id(), Permission.REALM_ADMIN)
                        .email(),
                TestUsers.PASSWORD);
        admin.get("/realm/users");
        UiClient.Page asked = admin.post(
                "/realm/users/bulk-permissions",
                Map.of("permission", "CodeExpire", "change", "remove", "user", String.valueOf(member.id())));
        assertThat(asked.status()).isEqualTo(200);
        assertThat(asked.text("#confirm-question")).isEqualTo("Change this permission for the selected users?");
        assertThat(asked.attribute("main form input[name=permission]", "value")).isEqualTo("CodeExpire");
        assertThat(asked.attribute("main form input[name=change]", "value")).isEqualTo("remove");
        assertThat(asked.attribute("main form input[name=user]", "value")).isEqualTo(String.valueOf(member.id()));
        assertThat(memberships.find(realm.id(), member.id()).orElseThrow().permissions())
                .contains(Permission.CODE_EXPIRE);
    }

    @Test
    void changingAMembersPermissionsAsksFirstAndRepostsTheChosenPermissions(UiClient admin, TestRealm realm) {
        User member = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
        admin.header("Accept-Language", "de");
        admin.signIn(
                TestUsers.member(users, memberships, realm.id(), Permission.REALM_ADMIN)
                        .email(),
                TestUsers.PASSWORD);
        String path = "/realm/users/" + member.id();
        assertThat(admin.get(path)
                        .attribute("form[action='" + path + "'] button[data-confirm]", "data-confirm-question"))
                .isEqualTo("Berechtigungen von " + member.email() + " ändern?");

        UiClient.Page asked = admin.post(path, Map.of("permission", "CodeRead", "confirmSubject", member.email()));
        assertThat(asked.status()).isEqualTo(200);
        assertThat(asked.text("#confirm-question")).isEqualTo("Berechtigungen von " + member.email() + " ändern?");
        assertThat(asked.attribute("main form input[name=permission]", "value")).isEqualTo("CodeRead");
        assertThat(memberships.find(realm.id(), member.id()).orElseThrow().permissions())
                .as("asking changed nothing")
                .isEqualTo(Permission.CASE_WORKER);

        UiClient.Page confirmed = admin.post(
                asked.attribute("main form", "action"),
                Map.of(
                        "permission",
                        asked.attribute("main form input[name=permission]", "value"),
                        "confirmed",
                        asked.attribute("main form input[name=confirmed]", "value")));
        assertThat(confirmed.status()).isEqualTo(302);
        assertThat(memberships.find(realm.id(), member.id()).orElseThrow().permissions())
                .containsExactly(Permission.CODE_READ);
    }

    @Test
    void aHostileSubjectIsShownAsTextAndCutShort(UiClient admin, TestRealm realm) {
        admin.signIn(
                TestUsers.member(users, memberships, realm.id(), Permission.REALM_ADMIN)
                        .email(),
                TestUsers.PASSWORD);
        long keyId = anyKey(realm);
        admin.get("/realm/apikeys");
        UiClient.Page asked = admin.post(
                "/realm/apikeys/" + keyId + "/disable",
                Map.of("confirmSubject", "<script>alert(1)</script>" + "x".repeat(5000)));
        assertThat(asked.status()).isEqualTo(200);
        assertThat(asked.body()).doesNotContain("<script>alert(1)</script>");
        assertThat(asked.text("#confirm-question"))
                .startsWith("Disable the API key <script>")
                .hasSizeLessThan(300);
        assertThat(apiKeys.find(realm.id(), keyId).orElseThrow().enabled()).isTrue();
    }

    @Test
    void aMemberWithoutThePermissionIsRefusedRatherThanAsked(UiClient worker, TestRealm realm) {
        worker.signIn(
                TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER)
                        .email(),
                TestUsers.PASSWORD);
        worker.get("/codes/issue");
        assertThat(worker.post("/realm/apikeys/" + anyKey(realm) + "/disable", Map.of())
                        .status())
                .isEqualTo(403);
    }

    private long anyKey(TestRealm realm) {
        return apiKeys.list(realm.id()).getFirst().id();
    }
}
