package org.enverify.mobileapp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.enverify.apikey.ApiKeys;
import org.enverify.mobileapp.MobileApps;
import org.enverify.platform.Console;
import org.enverify.platform.cli.CommandArguments;
import org.enverify.platform.cli.CommandException;
import org.enverify.realm.Realms;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.TestApps;
import org.enverify.support.TestRealm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The {@code mobileapp} commands on the real database, run in this JVM: starting a CLI process per
 * command is covered for the other groups by {@code CliIntegrationTests}.
 */
@EnverifyIntegrationTest
class MobileAppCommandsIntegrationTests {

    static final String FINGERPRINT = TestApps.FINGERPRINT;

    @Autowired
    MobileApps apps;

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    final List<String> printed = new ArrayList<>();
    MobileAppCommands commands;
    String realm;

    @BeforeEach
    void setUp() {
        commands = new MobileAppCommands(apps, new Console() {
            @Override
            public void println(String line) {
                printed.add(line);
            }
        });
        realm = TestRealm.create(realms, apiKeys).id().toString();
    }

    private int run(String... words) {
        return commands.run(new CommandArguments(List.of(words)));
    }

    @Test
    void addsListsAndDisablesApps() {
        assertThat(run(
                        "add",
                        "--realm",
                        realm,
                        "--name",
                        "Notify",
                        "--os",
                        "android",
                        "--app-id",
                        "org.example.app",
                        "--url",
                        "https://play.google.com/store/apps/details?id=org.example.app",
                        "--sha256",
                        FINGERPRINT,
                        "--sha256",
                        FINGERPRINT.replace("14:6d", "15:6d")))
                .isZero();
        String androidId = printed.removeFirst();
        assertThat(androidId).matches("\\d+");
        assertThat(run(
                        "add",
                        "--realm",
                        realm,
                        "--name",
                        "Notify iOS",
                        "--os",
                        "iOS",
                        "--app-id",
                        "ABCDE12345.org.example.app",
                        "--disable-redirect"))
                .isZero();
        String iosId = printed.removeFirst();

        run("list", "--realm", realm);
        assertThat(printed)
                .containsExactly(
                        androidId + "\tandroid\tNotify\torg.example.app\thttps://play.google.com/store/apps/details?id="
                                + "org.example.app\tredirect\tenabled\t" + FINGERPRINT.toUpperCase() + ","
                                + FINGERPRINT.replace("14:6d", "15:6d").toUpperCase(),
                        iosId + "\tios\tNotify iOS\tABCDE12345.org.example.app\t-\tno-redirect\tenabled\t");
        printed.clear();

        run("disable", iosId);
        assertThat(printed.getFirst()).startsWith(iosId + "\tios\t").contains("\tdisabled\t");
    }

    @Test
    void refusalsNameEveryProblemAndStoreNothing() {
        assertThatThrownBy(() -> run(
                        "add",
                        "--realm",
                        realm,
                        "--name",
                        "Bad",
                        "--os",
                        "android",
                        "--app-id",
                        "not a package",
                        "--url",
                        "http://example.org",
                        "--sha256",
                        "AB:CD"))
                .isInstanceOf(CommandException.class)
                .hasMessageContaining("Refused: app_id: must be an Android package name")
                .hasMessageContaining("url: must be an https URL")
                .hasMessageContaining("sha256: fingerprint 1 has 5 characters, not 95");
        assertThatThrownBy(() ->
                        run("add", "--realm", realm, "--name", "Bad", "--os", "android", "--app-id", "org.example.app"))
                .hasMessageContaining("an Android app needs at least one SHA-256 signing certificate fingerprint");
        assertThatThrownBy(() -> run("add", "--realm", realm, "--name", "Bad", "--os", "ios"))
                .hasMessage("--app-id is required");
        assertThatThrownBy(() -> run(
                        "add",
                        "--realm",
                        "999999999",
                        "--name",
                        "Bad",
                        "--os",
                        "ios",
                        "--app-id",
                        "ABCDE12345.org.example.app"))
                .hasMessage("There is no realm 999999999");
        assertThatThrownBy(() -> run("disable", "x")).hasMessage("The id must be a positive whole number, not 'x'");
        assertThatThrownBy(() -> run("remove")).hasMessage("Unknown mobileapp action 'remove'");
        run("list", "--realm", realm);
        assertThat(printed).isEmpty();
    }
}
