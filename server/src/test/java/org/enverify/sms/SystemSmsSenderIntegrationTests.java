package org.enverify.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The system Twilio account is the operator's: a realm sends through it only once a system
 * administrator set {@code can_use_system_sms_config}, whichever way the realm asks.
 */
@MessagingIntegrationTest
@Tag("security")
class SystemSmsSenderIntegrationTests {

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
    SmsSenders senders;

    @Autowired
    List<CliCommand> commands;

    @Autowired
    JdbcClient jdbc;

    TestRealm realm;

    @BeforeEach
    void setUp() {
        realm = TestRealm.create(realms, apiKeys);
    }

    @Test
    void aRealmAdminCannotMoveTheRealmOntoTheSystemAccount() {
        UiClient admin = signedIn(TestUsers.member(users, memberships, realm.id(), Permission.REALM_ADMIN));
        admin.get("/realm/sms");
        UiClient.Page refused = admin.post("/realm/sms/sender", Map.of("kind", "system", "systemFrom", "main"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("systemFrom-error", "has not allowed this realm");
        assertThat(senders.configuration(realm.id()).kind()).isEqualTo("default");
        assertThat(audits("sms.configure")).isZero();

        admin.get("/realm/settings");
        admin.post("/realm/settings", Map.of("can_use_system_sms_config", "true"));
        assertThat(realms.find(realm.id())
                        .orElseThrow()
                        .settings(SmsRealmSettings.class)
                        .canUseSystemSmsConfig())
                .as("only a system administrator changes it")
                .isFalse();

        UiClient system = signedIn(TestUsers.systemAdmin(users));
        system.get("/admin/realms/" + realm.id());
        assertThat(system.post("/admin/realms/" + realm.id(), Map.of("can_use_system_sms_config", "true"))
                        .status())
                .isEqualTo(302);
        assertThat(realms.find(realm.id())
                        .orElseThrow()
                        .settings(SmsRealmSettings.class)
                        .canUseSystemSmsConfig())
                .isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entries WHERE realm_id = ? AND action = 'realm.update'"
                                + " AND diff::text LIKE '%can_use_system_sms_config%'")
                        .param(realm.id().value())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        admin.get("/realm/sms");
        assertThat(admin.post("/realm/sms/sender", Map.of("kind", "system", "systemFrom", "main"))
                        .location())
                .contains("saved");
        assertThat(senders.configuration(realm.id()).kind()).isEqualTo("system");
    }

    @Test
    void theCliAndTheServiceRefuseTheSystemAccountUntilTheRealmIsAllowed() {
        String id = realm.id().toString();
        assertThatThrownBy(() -> command("sms").run(arguments("system", id, "--from", "main")))
                .isInstanceOf(CommandException.class)
                .hasMessageContaining("can_use_system_sms_config");
        assertThatThrownBy(() -> senders.useSystem(realm.id(), "main", Actor.cli()))
                .isInstanceOf(SystemSenderNotAllowedException.class);
        assertThat(senders.configuration(realm.id()).kind()).isEqualTo("default");

        assertThat(command("realm").run(arguments("set", id, "can_use_system_sms_config=true")))
                .isZero();
        assertThat(command("sms").run(arguments("system", id, "--from", "main")))
                .isZero();
        assertThat(senders.configuration(realm.id()).kind()).isEqualTo("system");
    }

    @Test
    void aRealmWhosePermissionIsWithdrawnNoLongerSendsThroughTheSystemAccount() {
        realms.update(realm.id(), Map.of("can_use_system_sms_config", "true"), Actor.system());
        senders.useSystem(realm.id(), "main", Actor.cli());

        realms.update(realm.id(), Map.of("can_use_system_sms_config", "false"), Actor.system());

        assertThat(senders.sender(realm.id())).isEmpty();
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

    private long audits(String action) {
        return jdbc.sql("SELECT count(*) FROM audit_entries WHERE realm_id = ? AND action = ?")
                .params(realm.id().value(), action)
                .query(Long.class)
                .single();
    }

    private UiClient signedIn(User user) {
        UiClient browser = new UiClient(port);
        browser.signIn(user.email(), TestUsers.PASSWORD);
        return browser;
    }
}
