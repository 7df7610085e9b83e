package org.enverify.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.enverify.account.Memberships;
import org.enverify.account.Users;
import org.enverify.apikey.ApiKeys;
import org.enverify.audit.AuditChange;
import org.enverify.audit.AuditEntries;
import org.enverify.audit.AuditEntry;
import org.enverify.audit.AuditQuery;
import org.enverify.platform.Console;
import org.enverify.platform.cli.CliCommand;
import org.enverify.platform.cli.CommandArguments;
import org.enverify.platform.cli.CommandGroup;
import org.enverify.realm.Permission;
import org.enverify.realm.RealmSettingDeclaration;
import org.enverify.realm.RealmSettingType;
import org.enverify.realm.RealmSettingsGroup;
import org.enverify.realm.Realms;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.enverify.support.UiClient;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

/**
 * A feature that declares a settings group, and nothing else, has its setting in the CLI, on the settings
 * page and in the audit diff. The group is a test bean, imported only here (so this class starts its own
 * application); its label and help are in the test's {@code example-messages*.properties}.
 */
@EnverifyIntegrationTest
@TestPropertySource(properties = "spring.messages.basename=messages,example-messages")
@Import(ExampleSettingsGroupIntegrationTests.ExampleFeature.class)
class ExampleSettingsGroupIntegrationTests {

    /** The settings of a feature that reminds people, read as {@code realm.settings(ExampleSettings.class)}. */
    record ExampleSettings(int reminderDays) {}

    @TestConfiguration(proxyBeanMethods = false)
    static class ExampleFeature {

        static final RealmSettingDeclaration<ExampleSettings, Integer> REMINDER_DAYS = RealmSettingDeclaration.of(
                "example_reminder_days", RealmSettingType.integer(1, 14), 3, ExampleSettings::reminderDays);

        @Bean
        RealmSettingsGroup<ExampleSettings> exampleSettings() {
            return new RealmSettingsGroup<>() {
                @Override
                public String name() {
                    return "example";
                }

                @Override
                public Class<ExampleSettings> type() {
                    return ExampleSettings.class;
                }

                @Override
                public List<RealmSettingDeclaration<ExampleSettings, ?>> settings() {
                    return List.of(REMINDER_DAYS);
                }

                @Override
                public ExampleSettings create(Values values) {
                    return new ExampleSettings(values.get(REMINDER_DAYS));
                }
            };
        }

        @Bean
        @Primary
        RecordingConsole recordingConsole() {
            return new RecordingConsole();
        }
    }

    static class RecordingConsole extends Console {

        final List<String> lines = new ArrayList<>();

        @Override
        public void println(String line) {
            lines.add(line);
        }
    }

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
    AuditEntries audit;

    @Autowired
    List<CliCommand> commands;

    @Autowired
    RecordingConsole console;

    @Test
    void aNewRealmHasTheDeclaredDefault() {
        TestRealm realm = TestRealm.create(realms, apiKeys);
        assertThat(realms.find(realm.id()).orElseThrow().settings(ExampleSettings.class))
                .isEqualTo(new ExampleSettings(3));
    }

    @Test
    void theCliListsShowsAndSetsTheSetting() {
        TestRealm realm = TestRealm.create(realms, apiKeys);
        CliCommand command = commands.stream()
                .filter(candidate -> AopUtils.getTargetClass(candidate)
                        .getAnnotation(CommandGroup.class)
                        .name()
                        .equals("realm"))
                .findFirst()
                .orElseThrow();
        assertThat(command.run(new CommandArguments(List.of("settings")))).isZero();
        assertThat(console.lines)
                .contains("example_reminder_days\tHow many days before the example reminder it is sent, from 1 to 14.");

        assertThat(command.run(new CommandArguments(List.of("set", realm.id().toString(), "example_reminder_days=7"))))
                .isZero();
        assertThat(console.lines).contains("example_reminder_days=7");
        assertThat(realms.find(realm.id()).orElseThrow().settings(ExampleSettings.class))
                .isEqualTo(new ExampleSettings(7));
    }

    @Test
    void theSettingsPageShowsAndSavesItAndTheAuditDiffRecordsTheChange() {
        TestRealm realm = TestRealm.create(realms, apiKeys);
        UiClient admin = new UiClient(port);
        admin.signIn(
                TestUsers.member(users, memberships, realm.id(), Permission.REALM_ADMIN)
                        .email(),
                TestUsers.PASSWORD);
        String page = admin.get("/realm/settings").body();
        assertThat(page)
                .contains("Example reminders", "Reminder days", "days before the example reminder, 1 to 14")
                .contains("name=\"example_reminder_days\" value=\"3\"");

        assertThat(admin.post("/realm/settings", Map.of("example_reminder_days", "20"))
                        .body())
                .contains("example_reminder_days-error", "must be from 1 to 14");
        admin.get("/realm/settings");
        assertThat(admin.post("/realm/settings", Map.of("example_reminder_days", "10"))
                        .location())
                .contains("saved");
        assertThat(realms.find(realm.id()).orElseThrow().settings(ExampleSettings.class))
                .isEqualTo(new ExampleSettings(10));

        AuditEntry update = audit.page(realm.id(), AuditQuery.all(0, AuditQuery.MAX_SIZE)).entries().stream()
                .filter(entry -> entry.action().equals("realm.update"))
                .findFirst()
                .orElseThrow();
        assertThat(update.diff()).containsExactly(Map.entry("example_reminder_days", new AuditChange("3", "10")));
    }
}
