package org.enverify.realm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.enverify.platform.EnverifySettings;
import org.enverify.support.ApiClient;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.EnverifyProcess;
import org.enverify.support.Waiting;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The CLI as an operator runs it: a separate JVM on the same data directory while the server runs,
 * connecting to the embedded database the server owns. Changes reach the server within its cache lifetime.
 */
@EnverifyIntegrationTest
class CliIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    EnverifySettings settings;

    ApiClient api;
    Map<String, String> environment;

    @BeforeEach
    void setUp(ApiClient api) {
        this.api = api;
        // As inside a role's container: whatever ENVERIFY_ROLES says, a CLI command starts no role.
        environment = Map.of(
                "ENVERIFY_DATA_DIR", settings.dataDir().toAbsolutePath().toString(), "ENVERIFY_ROLES", "worker,ui");
    }

    @Test
    void createsARealmAndKeysThatTheRunningServerAccepts() {
        EnverifyProcess.Result realm =
                cli("realm", "create", "--name", "Cli Realm " + port, "--region", "CL-" + port % 1000);
        assertThat(realm.exitCode()).as(realm.stderr()).isZero();
        assertThat(realm.stdout().strip()).matches("\\d+");
        String realmId = realm.stdout().strip();

        assertThat(cli("realm", "set", realmId, "require_date=false", "code_length=6")
                        .exitCode())
                .isZero();
        EnverifyProcess.Result key = cli("apikey", "create", "--realm", realmId, "--type", "admin", "--name", "pha");
        assertThat(key.exitCode()).as(key.stderr()).isZero();
        assertThat(key.stdout().lines().toList())
                .as("stdout holds only the key")
                .hasSize(1);
        String adminKey = key.stdout().strip();
        assertThat(adminKey).matches("[A-Za-z0-9_-]{86}\\." + realmId + "\\.[A-Za-z0-9_-]{86}");

        ApiClient.Response issued = api.post("/api/issue", adminKey, Map.of("testType", "confirmed"));
        assertThat(issued.status()).isEqualTo(200);
        assertThat(issued.json().path("code").asString()).matches("\\d{6}");

        EnverifyProcess.Result shown = cli("realm", "show", realmId);
        assertThat(shown.stdout()).contains("code_length=6", "require_date=false", "region_code=CL-" + port % 1000);
        assertThat(cli("realm", "list").stdout()).contains(realmId + "\tCli Realm " + port);
    }

    @Test
    void settingsChangedWhileTheServerRunsTakeEffectWithinTheCacheLifetime() {
        String realmId =
                cli("realm", "create", "--name", "Cli Live " + port).stdout().strip();
        cli("realm", "set", realmId, "require_date=false");
        String adminKey = cli("apikey", "create", "--realm", realmId, "--type", "admin", "--name", "pha")
                .stdout()
                .strip();
        assertThat(api.post("/api/issue", adminKey, Map.of("testType", "confirmed"))
                        .status())
                .isEqualTo(200);

        assertThat(cli("realm", "set", realmId, "maintenance_mode=true").exitCode())
                .isZero();
        Waiting.until(
                "the API to see maintenance",
                Duration.ofSeconds(10),
                () -> api.post("/api/issue", adminKey, Map.of("testType", "confirmed"))
                                .status()
                        == 429);

        String keyId = cli("apikey", "list", "--realm", realmId).stdout().split("\t")[0];
        assertThat(cli("apikey", "disable", keyId).stdout()).contains("disabled");
        Waiting.until(
                "the API to see the disabled key",
                Duration.ofSeconds(10),
                () -> api.post("/api/issue", adminKey, Map.of("testType", "confirmed"))
                                .status()
                        == 401);
    }

    @Test
    void refusesInvalidSettingsAndChangesNothing() {
        String realmId =
                cli("realm", "create", "--name", "Cli Refused " + port).stdout().strip();
        EnverifyProcess.Result refused =
                cli("realm", "set", realmId, "code_length=99", "code_duration=5h", "colour=blue");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.stdout()).isEmpty();
        assertThat(refused.stderr())
                .contains("code_length: must be from 6 to 8", "code_duration", "colour: is not a realm setting");
        assertThat(cli("realm", "show", realmId).stdout()).contains("code_length=8", "code_duration=15m");

        EnverifyProcess.Result badKey = cli("apikey", "create", "--realm", realmId, "--type", "root", "--name", "x");
        assertThat(badKey.exitCode()).isEqualTo(2);
        assertThat(badKey.stderr()).contains("--type must be admin, device or stats");
        assertThat(cli("realm", "show", "999999").stderr()).contains("There is no realm 999999");
        EnverifyProcess.Result typo = cli("reaml", "list");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.stderr().lines())
                .containsExactly("Unknown command 'reaml'; did you mean 'realm'? (help lists every command)");
    }

    private EnverifyProcess.Result cli(String... arguments) {
        return EnverifyProcess.run(environment, arguments);
    }
}
