package org.enverify.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.enverify.support.ApiClient;
import org.enverify.support.EnverifyProcess;
import org.enverify.support.LocalPorts;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a container kill or a power cut does to the embedded database: the JVM and every PostgreSQL
 * process die at once, right after the last answer. Every code the server confirmed, and every
 * verification it confirmed, must be there after the restart.
 */
@Tag("security")
class EmbeddedPostgresCrashIntegrationTests {

    private static final int ROUNDS = 10;

    @TempDir
    Path dataDir;

    @Test
    void everyConfirmedCodeSurvivesKillingTheJvmAndPostgresTogetherTenTimes() throws Exception {
        int port = LocalPorts.free();
        Map<String, String> environment = Map.of(
                "ENVERIFY_DATA_DIR",
                dataDir.toString(),
                "ENVERIFY_PORT",
                Integer.toString(port),
                // the two roles the codes' requests need, and a JVM tuned to start rather than to run long
                "ENVERIFY_ROLES",
                "admin-api,device-api",
                "JAVA_TOOL_OPTIONS",
                "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        ApiClient api = new ApiClient(port);
        Map<String, Boolean> claimedByUuid = new LinkedHashMap<>();

        EnverifyProcess server = EnverifyProcess.start(environment, "--demo");
        server.awaitOutput("DEVICE_KEY=", Duration.ofSeconds(240));
        String adminKey = quoted(server.stdout(), "ADMIN_KEY");
        String deviceKey = quoted(server.stdout(), "DEVICE_KEY");
        for (int round = 1; round <= ROUNDS; round++) {
            server.awaitHealthy(api, Duration.ofMinutes(2));
            assertAllThere(api, adminKey, claimedByUuid, round);
            String today = today(api);
            ApiClient.Response verified = issueAndVerify(api, adminKey, deviceKey, today, claimedByUuid);
            assertThat(verified.status()).as(verified.body()).isEqualTo(200);
            ApiClient.Response issued = issue(api, adminKey, today);
            assertThat(issued.status()).as(issued.body()).isEqualTo(200);
            claimedByUuid.put(issued.json().path("uuid").asString(), false);
            killTogether(server);
            server = EnverifyProcess.start(environment);
        }
        try (EnverifyProcess last = server) {
            last.awaitHealthy(api, Duration.ofMinutes(2));
            assertAllThere(api, adminKey, claimedByUuid, ROUNDS + 1);
        }
    }

    private static ApiClient.Response issueAndVerify(
            ApiClient api, String adminKey, String deviceKey, String today, Map<String, Boolean> claimedByUuid) {
        ApiClient.Response issued = issue(api, adminKey, today);
        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
        claimedByUuid.put(issued.json().path("uuid").asString(), false);
        ApiClient.Response verified = api.post(
                "/api/verify",
                deviceKey,
                Map.of("code", issued.json().path("code").asString()));
        if (verified.status() == 200) {
            claimedByUuid.put(issued.json().path("uuid").asString(), true);
        }
        return verified;
    }

    private static ApiClient.Response issue(ApiClient api, String adminKey, String today) {
        return api.post("/api/issue", adminKey, Map.of("testType", "confirmed", "symptomDate", today));
    }

    private static void assertAllThere(ApiClient api, String adminKey, Map<String, Boolean> claimedByUuid, int round) {
        claimedByUuid.forEach((uuid, claimed) -> {
            ApiClient.Response status = api.post("/api/checkcodestatus", adminKey, Map.of("uuid", uuid));
            assertThat(status.status())
                    .as("start %d: the code %s confirmed before a crash: %s", round, uuid, status.body())
                    .isEqualTo(200);
            assertThat(status.json().path("claimed").asBoolean())
                    .as("start %d: the code %s, verified before a crash, is claimed", round, uuid)
                    .isEqualTo(claimed);
        });
    }

    /** SIGKILL to the postmaster, its children and the JVM, with nothing in between. */
    private void killTogether(EnverifyProcess server) throws Exception {
        List<String> pidFile = Files.readAllLines(dataDir.resolve("pgdata/postmaster.pid"), StandardCharsets.US_ASCII);
        ProcessHandle postmaster =
                ProcessHandle.of(Long.parseLong(pidFile.getFirst().strip())).orElseThrow();
        List<ProcessHandle> postgres =
                Stream.concat(Stream.of(postmaster), postmaster.descendants()).toList();
        postgres.forEach(ProcessHandle::destroyForcibly);
        server.kill();
        for (ProcessHandle process : postgres) {
            process.onExit().get(30, TimeUnit.SECONDS);
        }
    }

    private static String today(ApiClient api) {
        return LocalDate.parse(api.get("/health").header("Date"), DateTimeFormatter.RFC_1123_DATE_TIME)
                .toString();
    }

    private static String quoted(String text, String name) {
        Matcher matcher = Pattern.compile(name + "='([^']+)'").matcher(text);
        assertThat(matcher.find()).as(name + " printed").isTrue();
        return matcher.group(1);
    }
}
