package org.enverify.mailoutbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.enverify.account.Memberships;
import org.enverify.account.User;
import org.enverify.account.Users;
import org.enverify.apikey.ApiKeys;
import org.enverify.platform.Actor;
import org.enverify.platform.cli.CliCommand;
import org.enverify.platform.cli.CommandArguments;
import org.enverify.platform.cli.CommandException;
import org.enverify.platform.cli.CommandGroup;
import org.enverify.realm.Permission;
import org.enverify.realm.Realms;
import org.enverify.support.MessagingIntegrationTest;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.enverify.support.UiClient;
import org.enverify.support.Waiting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The operator's SMTP account and each realm's: who may choose which, which account carries a realm's mails and in
 * which texts, passwords never shown, logged or audited, and bad input refused with nothing stored.
 */
@MessagingIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class MailAccountsIntegrationTests {

    private static final String PASSWORD = "smtp-secret-5b7e1c9d";
    private static final String TEMPLATE = "Join [realmname] with this link: [invitelink]";

    @RegisterExtension
    static final GreenMailExtension realmSmtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @RegisterExtension
    static final GreenMailExtension systemSmtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

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
    RealmMailAccounts accounts;

    @Autowired
    List<CliCommand> commands;

    @Autowired
    JdbcClient jdbc;

    TestRealm realm;
    UiClient admin;

    @BeforeEach
    void setUp() {
        realm = TestRealm.create(realms, apiKeys, Map.of("email_invite_template", TEMPLATE));
        admin = signedIn(TestUsers.member(users, memberships, realm.id(), Permission.REALM_ADMIN));
    }

    /** The system account is the installation's state: the next test starts without one again. */
    @AfterEach
    void forgetTheSystemAccount() {
        jdbc.sql("DELETE FROM system_smtp_account").update();
    }

    @Nested
    @Tag("security")
    class TheSystemAccountForTheRealmsTexts {

        @Test
        void aRealmAdminCannotChooseItUntilASystemAdministratorAllowedIt() {
            admin.get("/realm/mail");
            UiClient.Page refused = admin.post("/realm/mail", Map.of("kind", "system"));
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.text("#kind-error")).contains("has not allowed this realm");
            assertThat(accounts.configuration(realm.id()).kind()).isEqualTo("default");
            assertThat(audits("mail.configure")).isZero();

            admin.get("/realm/settings");
            admin.post("/realm/settings", Map.of("can_use_system_email_config", "true"));
            assertThat(accounts.mayUseSystem(realm.id()))
                    .as("only a system administrator changes it")
                    .isFalse();

            UiClient system = signedIn(TestUsers.systemAdmin(users));
            system.get("/admin/realms/" + realm.id());
            assertThat(system.post("/admin/realms/" + realm.id(), Map.of("can_use_system_email_config", "true"))
                            .status())
                    .isEqualTo(302);
            assertThat(accounts.mayUseSystem(realm.id())).isTrue();
            assertThat(jdbc.sql("SELECT count(*) FROM audit_entries WHERE realm_id = ? AND action = 'realm.update'"
                                    + " AND diff::text LIKE '%can_use_system_email_config%'")
                            .param(realm.id().value())
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);

            admin.get("/realm/mail");
            assertThat(admin.post("/realm/mail", Map.of("kind", "system")).location())
                    .endsWith("/realm/mail?saved");
            assertThat(accounts.configuration(realm.id()).kind()).isEqualTo("system");
            assertThat(audits("mail.configure")).isEqualTo(1);
        }

        @Test
        void theCommandLineRefusesItUntilTheRealmIsAllowed() {
            String id = realm.id().toString();
            assertThatThrownBy(() -> command("mail").run(arguments("system", id)))
                    .isInstanceOf(CommandException.class)
                    .hasMessageContaining("can_use_system_email_config");
            assertThat(accounts.configuration(realm.id()).kind()).isEqualTo("default");

            assertThat(command("realm").run(arguments("set", id, "can_use_system_email_config=true")))
                    .isZero();
            assertThat(command("mail").run(arguments("system", id))).isZero();
            assertThat(accounts.configuration(realm.id()).kind()).isEqualTo("system");
        }

        @Test
        void theSystemAccountStoredOnThePageCarriesTheRealmsTextsOnlyWhileItIsAllowed() throws Exception {
            UiClient system = signedIn(TestUsers.systemAdmin(users));
            system.get("/admin/smtp");
            assertThat(system.post("/admin/smtp", smtp(systemSmtp, "Operator <operator@example.org>"))
                            .location())
                    .endsWith("/admin/smtp?saved");
            assertThat(system.get("/admin/smtp").text("#account-source")).contains("Stored");

            MimeMessage builtIn = awaitMail(systemSmtp, invite());
            assertThat(builtIn.getFrom()[0].toString()).isEqualTo("Operator <operator@example.org>");
            assertThat(GreenMailUtil.getBody(builtIn))
                    .as("a realm that may not use the system account mails the built-in text")
                    .startsWith("Hello,");

            realms.update(realm.id(), Map.of("can_use_system_email_config", "true"), Actor.system());
            accounts.useSystem(realm.id(), Actor.cli());
            assertThat(GreenMailUtil.getBody(awaitMail(systemSmtp, invite())))
                    .startsWith("Join " + realms.find(realm.id()).orElseThrow().name() + " with this link: ");

            realms.update(realm.id(), Map.of("can_use_system_email_config", "false"), Actor.system());
            assertThat(GreenMailUtil.getBody(awaitMail(systemSmtp, invite())))
                    .as("a withdrawn permission takes the realm's texts off the system account")
                    .startsWith("Hello,");
            assertThat(realmSmtp.getReceivedMessages()).isEmpty();
        }
    }

    @Test
    void aRealmsOwnSmtpAccountCarriesItsMailsInItsTexts() throws Exception {
        admin.get("/realm/mail");
        Map<String, String> form = new LinkedHashMap<>(smtp(realmSmtp, "Health Department <health@example.org>"));
        form.put("kind", "smtp");
        assertThat(admin.post("/realm/mail", form).location()).endsWith("/realm/mail?saved");
        assertThat(admin.get("/realm/mail").text("#mail-texts")).contains("texts written on the settings page");

        String invitee = invite();
        MimeMessage mail = awaitMail(realmSmtp, invitee);

        assertThat(mail.getFrom()[0].toString()).isEqualTo("Health Department <health@example.org>");
        assertThat(GreenMailUtil.getBody(mail))
                .startsWith("Join " + realms.find(realm.id()).orElseThrow().name() + " with this link: http://");
        assertThat(systemSmtp.getReceivedMessages()).isEmpty();
        Waiting.until(
                "the outbox marks the mail sent",
                Duration.ofSeconds(30),
                () -> jdbc.sql("SELECT count(*) FROM mail_outbox WHERE recipient = ? AND sent_at IS NOT NULL")
                                .param(invitee)
                                .query(Long.class)
                                .single()
                        == 1);
    }

    @Test
    @Tag("security")
    void passwordsAreNeverShownLoggedOrAuditedAndAnEmptyFieldKeepsThem(CapturedOutput output) {
        Map<String, String> withPassword = new LinkedHashMap<>();
        withPassword.put("kind", "smtp");
        withPassword.put("host", "localhost");
        withPassword.put("port", "587");
        withPassword.put("tls", "starttls");
        withPassword.put("username", "health");
        withPassword.put("password", PASSWORD);
        withPassword.put("from", "health@example.org");
        admin.get("/realm/mail");
        assertThat(admin.post("/realm/mail", withPassword).location()).endsWith("/realm/mail?saved");
        withPassword.put("password", "");
        withPassword.put("port", "2525");
        admin.get("/realm/mail");
        assertThat(admin.post("/realm/mail", withPassword).location()).endsWith("/realm/mail?saved");

        UiClient.Page page = admin.get("/realm/mail");
        assertThat(page.text("#password-help")).contains("A password is set");
        assertThat(page.attribute("#password", "value")).isEmpty();
        assertThat(page.body()).doesNotContain(PASSWORD);
        SmtpShown stored = accounts.configuration(realm.id()).smtp();
        assertThat(stored.passwordSet()).isTrue();
        assertThat(stored.port()).isEqualTo(2525);

        UiClient system = signedIn(TestUsers.systemAdmin(users));
        system.get("/admin/smtp");
        Map<String, String> systemForm = new LinkedHashMap<>(withPassword);
        systemForm.remove("kind");
        systemForm.put("password", PASSWORD);
        assertThat(system.post("/admin/smtp", systemForm).location()).endsWith("/admin/smtp?saved");
        UiClient.Page systemPage = system.get("/admin/smtp");
        assertThat(systemPage.text("#password-help")).contains("A password is set");
        assertThat(systemPage.body()).doesNotContain(PASSWORD);
        assertThat(system.get("/admin/events").body()).doesNotContain(PASSWORD);
        assertThat(admin.get("/realm/events").body()).doesNotContain(PASSWORD);

        assertThat(jdbc.sql("SELECT count(*) FROM audit_entries WHERE action IN ('mail.configure', 'mail.system-smtp')"
                                + " AND diff::text LIKE '%smtp_password%'")
                        .query(Long.class)
                        .single())
                .as("the password's change is audited")
                .isPositive();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entries WHERE diff::text LIKE ?")
                        .param("%" + PASSWORD + "%")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(output.getAll()).doesNotContain(PASSWORD);
    }

    @Nested
    class BadInput {

        @Test
        void theRealmsPageRefusesEachBadFieldAndStoresNothing() {
            Map<String, String> good = Map.of(
                    "kind",
                    "smtp",
                    "host",
                    "smtp.example.org",
                    "port",
                    "587",
                    "tls",
                    "starttls",
                    "from",
                    "a@example.org");
            Map<String, Map<String, String>> refused = new LinkedHashMap<>();
            refused.put("port", Map.of("port", "70000"));
            refused.put("port ", Map.of("port", "smtp"));
            refused.put("port  ", Map.of("port", ""));
            refused.put("host", Map.of("host", "smtp example.org"));
            refused.put("host ", Map.of("host", ""));
            refused.put("from", Map.of("from", ""));
            refused.put("from ", Map.of("from", "not an address"));
            refused.put("from  ", Map.of("from", "a@example.org, b@example.org"));
            refused.put("tls", Map.of("tls", "ssl"));
            refused.put("tls ", Map.of("tls", "none", "username", "health", "password", PASSWORD));
            refused.put("password", Map.of("username", "health"));
            refused.put("kind", Map.of("kind", "carrier-pigeon"));
            admin.get("/realm/mail");
            refused.forEach((field, change) -> {
                Map<String, String> posted = new LinkedHashMap<>(good);
                posted.putAll(change);
                UiClient.Page page = admin.post("/realm/mail", posted);
                assertThat(page.status()).as(posted.toString()).isEqualTo(422);
                assertThat(page.has("#" + field.strip() + "-error"))
                        .as(posted + " shows its message on " + field)
                        .isTrue();
                assertThat(page.body()).doesNotContain(PASSWORD);
            });
            assertThat(accounts.configuration(realm.id()).kind()).isEqualTo("default");
            assertThat(audits("mail.configure")).isZero();
        }

        @Test
        void theSystemPageRefusesBadFieldsStoresNothingAndIsForSystemAdministratorsOnly() {
            assertThat(admin.get("/admin/smtp").status()).isEqualTo(403);
            admin.get("/realm/mail");
            assertThat(admin.post("/admin/smtp", smtp(systemSmtp, "a@example.org"))
                            .status())
                    .isEqualTo(403);

            UiClient system = signedIn(TestUsers.systemAdmin(users));
            system.get("/admin/smtp");
            Map<String, String> posted = new LinkedHashMap<>(smtp(systemSmtp, "not an address"));
            posted.put("port", "0");
            UiClient.Page page = system.post("/admin/smtp", posted);
            assertThat(page.status()).isEqualTo(422);
            assertThat(page.has("#port-error")).isTrue();
            assertThat(page.has("#from-error")).isTrue();
            assertThat(page.attribute("#from", "value"))
                    .as("the refused form keeps what was typed")
                    .isEqualTo("not an address");
            assertThat(jdbc.sql("SELECT count(*) FROM system_smtp_account")
                            .query(Long.class)
                            .single())
                    .isZero();
        }

        @Test
        void aMemberWhoMayOnlyReadSettingsSeesThePageButChangesNothing() {
            UiClient reader =
                    signedIn(TestUsers.member(users, memberships, realm.id(), Set.of(Permission.SETTINGS_READ)));
            assertThat(reader.get("/realm/mail").status()).isEqualTo(200);
            assertThat(reader.post("/realm/mail", Map.of("kind", "default")).status())
                    .isEqualTo(403);
            assertThat(audits("mail.configure")).isZero();
        }
    }

    /** Invites a new person to the realm on its users page; returns their address. */
    private String invite() {
        String email = "invitee-" + UUID.randomUUID() + "@example.org";
        admin.get("/realm/users/new");
        assertThat(admin.post("/realm/users", Map.of("email", email, "name", "Invitee", "permission", "CodeIssue"))
                        .status())
                .isEqualTo(302);
        return email;
    }

    private static MimeMessage awaitMail(GreenMailExtension server, String recipient) {
        return Waiting.until(
                        "a mail to " + recipient,
                        Duration.ofMinutes(1),
                        () -> List.of(server.getReceivedMessagesForDomain(recipient)),
                        mails -> !mails.isEmpty())
                .getFirst();
    }

    private static Map<String, String> smtp(GreenMailExtension server, String from) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("host", server.getSmtp().getBindTo());
        form.put("port", Integer.toString(server.getSmtp().getPort()));
        form.put("tls", "none");
        form.put("username", "");
        form.put("password", "");
        form.put("from", from);
        return form;
    }

    private long audits(String action) {
        return jdbc.sql("SELECT count(*) FROM audit_entries WHERE realm_id = ? AND action = ?")
                .params(realm.id().value(), action)
                .query(Long.class)
                .single();
    }

    private CliCommand command(String group) {
        return commands.stream()
                .filter(command -> AopUtils.getTargetClass(command)
                        .getAnnotation(CommandGroup.class)
                        .name()
                        .equals(group))
                .findFirst()
                .orElseThrow();
    }

    private static CommandArguments arguments(String... words) {
        return new CommandArguments(List.of(words));
    }

    private UiClient signedIn(User user) {
        UiClient browser = new UiClient(port);
        browser.signIn(user.email(), TestUsers.PASSWORD);
        return browser;
    }
}
