package org.enverify.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.enverify.realm.Permission;
import org.enverify.realm.Realm;
import org.enverify.realm.Realms;
import org.enverify.support.Browser;
import org.enverify.support.BrowserTest;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Account mails end to end: the worker delivers them over SMTP to GreenMail, and the person opens the link from the
 * mail in Chromium.
 */
@BrowserTest
@EnverifyIntegrationTest
class AccountMailBrowserTests {

    private static final String NEW_PASSWORD = "a fresh and quite long passphrase";
    private static final String SUBMIT = "main form button[type=submit]";

    // One SMTP server for the whole class: the application is configured with its port once.
    @RegisterExtension
    static final GreenMailExtension smtp =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void smtpServer(DynamicPropertyRegistry registry) {
        registry.add("enverify.smtp.host", () -> smtp.getSmtp().getBindTo());
        registry.add("enverify.smtp.port", () -> smtp.getSmtp().getPort());
        registry.add("enverify.smtp.starttls", () -> "false");
    }

    @RegisterExtension
    final Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Autowired
    Realms realms;

    @Autowired
    Users users;

    @Autowired
    Memberships memberships;

    @Autowired
    MessageSource messages;

    @Test
    void anInvitedPersonFollowsTheMailedLinkChoosesAPasswordAndLandsOnTheirPage(TestRealm realm) throws Exception {
        Realm realmShown = realms.find(realm.id()).orElseThrow();
        User admin = TestUsers.member(users, memberships, realm.id(), Permission.REALM_ADMIN);
        String invitee = "invitee-" + UUID.randomUUID() + "@example.org";

        browser.open(port).signIn(admin.email(), TestUsers.PASSWORD);
        browser.clickAndWait("nav a[href='/realm/users']").clickAndWait("main a[href='/realm/users/new']");
        browser.type("#email", invitee).type("#name", "New Case Worker");
        browser.click("#permission-CodeIssue").click("#permission-CodeRead");
        browser.screenshot("invite-form");
        assertThat(browser.consoleProblems()).isEmpty();
        browser.clickAndWait(SUBMIT);
        assertThat(browser.path()).isEqualTo("/realm/users");
        assertThat(browser.text("main [role=status]")).isEqualTo(message("users.invited"));
        assertThat(browser.text("main table")).contains(invitee);
        browser.screenshot("users");

        MimeMessage mail = awaitMailTo(invitee);
        assertThat(mail.getSubject()).contains(realmShown.name());
        String link = link(mail, "/invitations/");
        browser.signOut();

        browser.go(link);
        assertThat(browser.text("main")).contains(realmShown.name()).contains(invitee);
        browser.type("#password", NEW_PASSWORD).type("#confirmation", NEW_PASSWORD);
        browser.screenshot("invitation");
        browser.clickAndWait(SUBMIT);
        assertThat(browser.path()).isEqualTo("/login");
        assertThat(browser.text("main [role=status]")).isEqualTo(message("login.invitationAccepted"));

        browser.signIn(invitee, NEW_PASSWORD);
        assertThat(browser.path()).isEqualTo("/codes/issue");
        assertThat(browser.text("main h1")).isEqualTo(message("issue.title"));
    }

    @Test
    void aForgottenPasswordIsReplacedThroughTheMailedLink(TestRealm realm) throws Exception {
        User worker = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);

        browser.open(port).go("/login").clickAndWait("main a[href='/login/forgot-password']");
        browser.type("#email", worker.email()).clickAndWait(SUBMIT);
        assertThat(browser.text("main [role=status]")).isEqualTo(message("login.resetSent"));

        browser.go(link(awaitMailTo(worker.email()), "/login/reset/"));
        browser.type("#password", NEW_PASSWORD).type("#confirmation", NEW_PASSWORD);
        browser.screenshot("reset-form");
        browser.clickAndWait(SUBMIT);
        assertThat(browser.text("main [role=status]")).isEqualTo(message("login.passwordReset"));

        browser.signIn(worker.email(), TestUsers.PASSWORD);
        assertThat(browser.path()).isEqualTo("/login");
        assertThat(browser.text("main [role=alert]")).isEqualTo(message("login.failed"));
        browser.signIn(worker.email(), NEW_PASSWORD);
        assertThat(browser.path()).isEqualTo("/codes/issue");
    }

    /** The worker delivers mail as a job, soon but not at once. */
    private static MimeMessage awaitMailTo(String recipient) {
        return await().atMost(Duration.ofMinutes(2))
                .until(() -> smtp.getReceivedMessagesForDomain(recipient), mails -> mails.length > 0)[0];
    }

    private String link(MimeMessage mail, String path) throws Exception {
        Matcher link = Pattern.compile("http://localhost:" + port + Pattern.quote(path) + "\\S+")
                .matcher(mail.getContent().toString());
        assertThat(link.find()).as("a link to " + path + " in the mail").isTrue();
        return link.group();
    }

    private String message(String key) {
        return messages.getMessage(key, null, Locale.ENGLISH);
    }
}
