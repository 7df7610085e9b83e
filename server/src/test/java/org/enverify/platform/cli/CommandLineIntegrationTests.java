package org.enverify.platform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.enverify.events.EventType;
import org.enverify.platform.EnverifySettings;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.EnverifyProcess;
import org.enverify.support.LocalPorts;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The CLI as an operator meets it: help and mistakes answered without a database, one line for a
 * mistyped command, nothing on standard error but what went wrong unless {@code --verbose}.
 */
@EnverifyIntegrationTest
class CommandLineIntegrationTests {

    @Autowired
    EnverifySettings settings;

    @Autowired
    ListableBeanFactory beans;

    @Autowired
    JdbcClient jdbc;

    final CommandCatalog catalog = CommandCatalog.scan(getClass().getClassLoader());

    /** A database URL nobody answers on: whatever needs the database fails. */
    private static Map<String, String> noDatabase() {
        return Map.of(
                "ENVERIFY_DATABASE_URL",
                "jdbc:postgresql://127.0.0.1:" + LocalPorts.free() + "/enverify?connectTimeout=2",
                "ENVERIFY_DATABASE_USERNAME",
                "nobody");
    }

    @Nested
    class WithoutADatabase {

        @Test
        void helpListsEveryCommandGroup() {
            EnverifyProcess.Result help = EnverifyProcess.run(noDatabase(), "help");
            assertThat(help.exitCode()).as(help.stderr()).isZero();
            assertThat(help.stderr()).isEmpty();
            assertThat(catalog.groups()).hasSizeGreaterThanOrEqualTo(11);
            for (CommandCatalog.Group group : catalog.groups()) {
                assertThat(help.stdout()).contains(group.usage());
            }
            assertThat(EnverifyProcess.run(noDatabase(), "--help").stdout()).isEqualTo(help.stdout());
        }

        @Test
        void aCommandsHelpShowsItsUsageAlone() {
            EnverifyProcess.Result realm = EnverifyProcess.run(noDatabase(), "realm", "--help");
            assertThat(realm.exitCode()).as(realm.stderr()).isZero();
            assertThat(realm.stderr()).isEmpty();
            assertThat(realm.stdout())
                    .contains("realm create --name NAME", "realm settings")
                    .doesNotContain("apikey create");
            assertThat(EnverifyProcess.run(noDatabase(), "help", "realm").stdout())
                    .isEqualTo(realm.stdout());
            assertThat(EnverifyProcess.run(noDatabase(), "apikey", "create", "-h")
                            .stdout())
                    .contains("apikey create --realm ID")
                    .doesNotContain("realm create");
        }

        @Test
        void aMistypedCommandGetsOneLineNamingTheClosestCommand() {
            EnverifyProcess.Result typo = EnverifyProcess.run(noDatabase(), "apikye", "list", "--realm", "1");
            assertThat(typo.exitCode()).isEqualTo(Launch.USAGE_ERROR);
            assertThat(typo.stdout()).isEmpty();
            assertThat(typo.stderr().lines())
                    .containsExactly("Unknown command 'apikye'; did you mean 'apikey'? (help lists every command)");
            assertThat(EnverifyProcess.run(noDatabase(), "help", "webhooks")
                            .stderr()
                            .lines())
                    .containsExactly("Unknown command 'webhooks'; did you mean 'webhook'? (help lists every command)");
        }

        @Test
        void aCommandThatCannotReachTheDatabaseSaysSoInOneLine() {
            EnverifyProcess.Result list = EnverifyProcess.run(noDatabase(), "realm", "list");
            assertThat(list.exitCode()).isEqualTo(1);
            assertThat(list.stdout()).isEmpty();
            assertThat(list.stderr().lines()).singleElement().asString().startsWith("realm failed: ");
        }
    }

    @Nested
    class OnTheServersDatabase {

        private Map<String, String> environment() {
            return Map.of(
                    "ENVERIFY_DATA_DIR", settings.dataDir().toAbsolutePath().toString());
        }

        @Test
        void aCommandWritesNothingOnStandardErrorUnlessVerbose() {
            EnverifyProcess.Result quiet = EnverifyProcess.run(environment(), "realm", "create", "--name", "Quiet");
            assertThat(quiet.exitCode()).as(quiet.stderr()).isZero();
            assertThat(quiet.stdout().strip()).matches("\\d+");
            assertThat(quiet.stderr())
                    .as("no banner, pool, migration or key lines")
                    .isEmpty();
            EnverifyProcess.Result key = EnverifyProcess.run(
                    environment(),
                    "apikey",
                    "create",
                    "--realm",
                    quiet.stdout().strip(),
                    "--type",
                    "admin",
                    "--name",
                    "q");
            assertThat(key.exitCode()).as(key.stderr()).isZero();
            assertThat(key.stderr()).isEmpty();

            EnverifyProcess.Result verbose = EnverifyProcess.run(
                    environment(), "realm", "show", quiet.stdout().strip(), "--verbose");
            assertThat(verbose.exitCode()).as(verbose.stderr()).isZero();
            assertThat(verbose.stdout()).contains("name=Quiet");
            assertThat(verbose.stderr()).contains("Started EnverifyApplication", "enverify - Start completed");
        }

        @Test
        void aTrainingRunDoesTheCommandsWorkAndLeavesNothingBehind() {
            String name = "Rehearsed " + UUID.randomUUID();
            Map<String, String> training = new HashMap<>(environment());
            training.put("ENVERIFY_CLI_TRAINING", "true");
            EnverifyProcess.Result rehearsed = EnverifyProcess.run(training, "realm", "create", "--name", name);
            assertThat(rehearsed.exitCode()).as(rehearsed.stderr()).isZero();
            assertThat(rehearsed.stdout().strip()).matches("\\d+");
            assertThat(realmsNamed(name)).isZero();

            EnverifyProcess.Result real = EnverifyProcess.run(environment(), "realm", "create", "--name", name);
            assertThat(real.exitCode()).as(real.stderr()).isZero();
            assertThat(realmsNamed(name)).isOne();
        }

        private long realmsNamed(String name) {
            return jdbc.sql("SELECT count(*) FROM realms WHERE name = ?")
                    .param(name)
                    .query(Long.class)
                    .single();
        }
    }

    @Test
    void everyCommandBeanIsInTheCatalogAndEveryCatalogGroupIsABean() {
        Set<String> beanGroups = Arrays.stream(beans.getBeanNamesForType(CliCommand.class))
                .map(name -> beans.findAnnotationOnBean(name, CommandGroup.class))
                .map(group -> group == null ? "(no @CommandGroup)" : group.name())
                .collect(Collectors.toSet());
        assertThat(catalog.groups().stream().map(CommandCatalog.Group::name))
                .containsExactlyInAnyOrderElementsOf(beanGroups);
    }

    @Test
    void theWebhookUsageNamesEveryEventType() {
        assertThat(catalog.find("webhook").orElseThrow().usage())
                .contains(Arrays.stream(EventType.values())
                        .map(EventType::wireName)
                        .toList());
    }
}
