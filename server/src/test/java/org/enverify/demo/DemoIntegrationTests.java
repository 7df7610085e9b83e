package org.enverify.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.enverify.platform.FirstStartBlock;
import org.enverify.support.ApiClient;
import org.enverify.support.EnverifyProcess;
import org.enverify.support.LocalPorts;
import org.enverify.support.Programs;
import org.enverify.support.UiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A newcomer's first run: {@code --demo} on an empty data directory prints keys and a curl
 * walkthrough that works as printed; a restart keeps realms, keys and codes.
 */
class DemoIntegrationTests {

    @TempDir
    Path dataDir;

    @Test
    void thePrintedWalkthroughWorksAndARestartKeepsEverything() throws Exception {
        assumeTrue(
                Programs.onPath("bash").isPresent()
                        && Programs.onPath("curl").isPresent()
                        && Programs.onPath("jq").isPresent(),
                "the walkthrough needs bash, curl and jq");
        int port = LocalPorts.free();
        Map<String, String> environment =
                Map.of("ENVERIFY_DATA_DIR", dataDir.toString(), "ENVERIFY_PORT", Integer.toString(port));

        String script;
        String adminKey;
        String deviceKey;
        String systemJwks;
        String uuid;
        try (EnverifyProcess server = EnverifyProcess.start(environment, "--demo")) {
            server.awaitOutput("demo-admin@localhost / ", Duration.ofSeconds(240));
            String walkthrough = server.stdout();
            assertThat(walkthrough).contains("Demo realm Demo created", "ADMIN  key:", "DEVICE key:", "STATS  key:");
            assertThat(walkthrough).contains("demo-worker@localhost / ");
            String block = firstStartBlock(server);
            Matcher password = Pattern.compile(
                            "Sign in as the system administrator admin@localhost with the one-time password\n\\s+(\\S+)\n")
                    .matcher(block);
            assertThat(password.find()).as(block).isTrue();
            assertThat(block).contains("Enverify is running at http://localhost:" + port, "ADMIN  key:", "Walkthrough");
            assertThat(occurrences(server.stdout() + server.stderr(), password.group(1)))
                    .as("the one-time password is in the block and nowhere else in the log")
                    .isEqualTo(1);
            assertThat(server.stdout().indexOf("Started EnverifyApplication"))
                    .as("the block comes after the start's log")
                    .isLessThan(server.stdout().indexOf(FirstStartBlock.RULE));
            Matcher worker = Pattern.compile("demo-worker@localhost / (\\S+) ").matcher(walkthrough);
            assertThat(worker.find()).isTrue();
            assertThat(new UiClient(port)
                            .signIn("demo-worker@localhost", worker.group(1))
                            .body())
                    .as("the demo case worker signs in and must choose a password first")
                    .contains("name=\"currentPassword\"");
            adminKey = quoted(walkthrough, "ADMIN_KEY");
            deviceKey = quoted(walkthrough, "DEVICE_KEY");
            script = walkthrough
                    .lines()
                    .map(String::strip)
                    .filter(line -> line.startsWith("ADMIN_KEY=")
                            || line.startsWith("DEVICE_KEY=")
                            || line.startsWith("CODE=")
                            || line.startsWith("TOKEN=")
                            || line.startsWith("curl "))
                    .reduce("set -euo pipefail", (all, line) -> all + "\n" + line);

            ApiClient api = new ApiClient(port);
            server.awaitHealthy(api, Duration.ofSeconds(20));
            String[] printed = runScript(script).strip().split("\n");
            assertThat(printed[0]).as("the certificate").matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
            assertThat(printed[1]).startsWith("[{\"kid\":\"v1\"");
            systemJwks = printed[1];

            ApiClient.Response issued =
                    api.post("/api/issue", adminKey, Map.of("testType", "confirmed", "symptomDate", today(api)));
            assertThat(issued.status()).isEqualTo(200);
            uuid = issued.json().path("uuid").asString();
        }

        try (EnverifyProcess server = EnverifyProcess.start(environment, "--demo")) {
            server.awaitOutput("The demo realm exists already", Duration.ofSeconds(240));
            ApiClient api = new ApiClient(port);
            server.awaitHealthy(api, Duration.ofSeconds(20));
            ApiClient.Response status = api.post("/api/checkcodestatus", adminKey, Map.of("uuid", uuid));
            assertThat(status.status()).as("the code issued before the restart").isEqualTo(200);
            assertThat(status.json().path("claimed").asBoolean()).isFalse();
            assertThat(api.get("/jwks/system").body()).isEqualTo(systemJwks);
            assertThat(runScript(script)).as("keys still work").contains(".");
            assertThat(api.post("/api/verify", deviceKey, Map.of("code", "00000000"))
                            .errorCode())
                    .isEqualTo("code_invalid");
        }
    }

    /** The one block the first start ends with, between its two rules. */
    private static String firstStartBlock(EnverifyProcess server) {
        String stdout = server.stdout();
        assertThat(occurrences(stdout, FirstStartBlock.RULE))
                .as("one block: two rules")
                .isEqualTo(2);
        int start = stdout.indexOf(FirstStartBlock.RULE) + FirstStartBlock.RULE.length();
        return stdout.substring(start, stdout.indexOf(FirstStartBlock.RULE, start));
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    private static String quoted(String text, String name) {
        Matcher matcher = Pattern.compile(name + "='([^']+)'").matcher(text);
        assertThat(matcher.find()).as(name + " printed").isTrue();
        return matcher.group(1);
    }

    private static String today(ApiClient api) {
        String date = api.get("/health").header("Date");
        return LocalDate.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toString();
    }

    private String runScript(String script) throws IOException, InterruptedException {
        Path file = dataDir.resolve("walkthrough.sh");
        Files.writeString(file, script);
        Process bash = new ProcessBuilder("bash", file.toString())
                .redirectErrorStream(true)
                .start();
        assertThat(bash.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(bash.getInputStream().readAllBytes());
        assertThat(bash.exitValue()).as(output).isZero();
        return output;
    }
}
