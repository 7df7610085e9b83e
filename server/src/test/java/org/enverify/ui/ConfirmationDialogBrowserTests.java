package org.enverify.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;
import org.enverify.account.Memberships;
import org.enverify.account.User;
import org.enverify.account.Users;
import org.enverify.mailoutbox.Mailer;
import org.enverify.realm.Permission;
import org.enverify.support.Browser;
import org.enverify.support.BrowserTest;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * With JavaScript, a privilege change (a member's permissions, a form with fields of its own) and a sensitive
 * reading (an unsent mail's links) ask in a dialog before they post; cancelling changes and shows nothing.
 */
@BrowserTest
@EnverifyIntegrationTest
class ConfirmationDialogBrowserTests {

    @RegisterExtension
    final Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    Memberships memberships;

    @Autowired
    Mailer mailer;

    @Test
    void changingAMembersPermissionsAsksInADialog(TestRealm realm) {
        User member = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
        User admin = TestUsers.member(users, memberships, realm.id(), Permission.REALM_ADMIN);
        browser.open(port).signIn(admin.email(), TestUsers.PASSWORD).go("/realm/users/" + member.id());
        String save = "form[action='/realm/users/" + member.id() + "'] button[data-confirm]";

        browser.click("#permission-CodeExpire");
        WebElement dialog = ask(save);
        assertThat(dialog.getText()).contains("Change the permissions of " + member.email() + "?");
        browser.click("dialog [data-confirm-cancel]");
        browser.waitUntil(ExpectedConditions.invisibilityOf(dialog));
        assertThat(permissions(realm, member)).as("cancelled: nothing changed").isEqualTo(Permission.CASE_WORKER);

        ask(save);
        browser.clickAndWait("dialog [data-confirm-yes]");
        assertThat(permissions(realm, member))
                .isEqualTo(Set.of(Permission.CODE_ISSUE, Permission.CODE_BULK_ISSUE, Permission.CODE_READ));
        assertThat(browser.text("main .alert-success")).isNotBlank();
        assertThat(browser.consoleProblems()).isEmpty();
    }

    @Test
    void showingAnUnsentMailsLinksAsksInADialog() {
        String recipient = "dialog-" + UUID.randomUUID() + "@example.org";
        String token = UUID.randomUUID().toString().replace("-", "");
        long mail = mailer.send(
                null, recipient, "Your invitation", "Accept it: https://enverify.example.org/invitations/" + token);
        browser.open(port)
                .signIn(TestUsers.systemAdmin(users).email(), TestUsers.PASSWORD)
                .go("/admin/mail/" + mail);
        String reveal = "form[action='/admin/mail/" + mail + "/reveal'] button[data-confirm]";

        WebElement dialog = ask(reveal);
        assertThat(dialog.getText()).contains("Show the links in the mail to " + recipient + "?");
        browser.click("dialog [data-confirm-cancel]");
        browser.waitUntil(ExpectedConditions.invisibilityOf(dialog));
        assertThat(browser.text("main pre")).as("cancelled: still masked").doesNotContain(token);

        ask(reveal);
        browser.clickAndWait("dialog [data-confirm-yes]");
        assertThat(browser.text("main pre")).contains("/invitations/" + token);
        assertThat(browser.consoleProblems()).isEmpty();
    }

    private WebElement ask(String button) {
        browser.click(button);
        return browser.waitUntil(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog.confirm-dialog[open]")));
    }

    private Set<Permission> permissions(TestRealm realm, User member) {
        return memberships.find(realm.id(), member.id()).orElseThrow().permissions();
    }
}
