package org.enverify.management.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.LocalPorts;
import org.enverify.support.Programs;
import org.enverify.support.Waiting;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The walkthrough of docs/management-api.md, run as the page has it: the shell blocks of its numbered steps,
 * with bash, curl and jq, against this application and the walkthrough's own identity providers
 * (docs/walkthrough: oauth2-mock-server from npm, on Node.js), so that the page cannot drift from what the
 * server does. The application trusts the operator's provider as the page's start command says; the page's
 * ports (8080, 9000, 9001) become this run's. Skipped where one of those programs is missing.
 */
@EnverifyIntegrationTest
class WalkthroughIntegrationTests {

    private static final Path PAGE = Path.of("..", "docs", "management-api.md");
    private static final Path PROVIDERS = Path.of("..", "docs", "walkthrough");
    private static final Pattern NODE_VERSION = Pattern.compile("v(\\d+)\\.(\\d+)\\..*");
    private static final Pattern NUMBERED_STEP = Pattern.compile("### \\d+\\. .*");
    private static final int OPERATOR_PORT = LocalPorts.free();
    private static final int COUNTY_PORT = LocalPorts.free();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Process providers;

    @LocalServerPort
    int port;

    @TempDir
    Path dir;

    @DynamicPropertySource
    static void operatorProvider(DynamicPropertyRegistry registry) {
        registry.add("enverify.oauth.issuer-uri", () -> "http://localhost:" + OPERATOR_PORT);
        registry.add("enverify.oauth.audience", () -> "enverify-operator");
    }

    @BeforeAll
    static void startProviders(@TempDir Path providersDir) throws Exception {
        for (String program : List.of("bash", "curl", "jq", "node", "npm")) {
            Assumptions.assumeTrue(Programs.onPath(program).isPresent(), program + " is not on the PATH");
        }
        Matcher node = NODE_VERSION.matcher(
                run(providersDir, Duration.ofSeconds(30), "node", "--version").strip());
        Assumptions.assumeTrue(
                node.matches() && Integer.parseInt(node.group(1)) * 100 + Integer.parseInt(node.group(2)) >= 2019,
                "oauth2-mock-server needs Node.js 20.19 or newer");
        for (String file : List.of("package.json", "package-lock.json", "idp.mjs")) {
            Files.copy(PROVIDERS.resolve(file), providersDir.resolve(file));
        }
        run(providersDir, Duration.ofMinutes(5), "npm", "ci", "--prefer-offline", "--no-audit", "--no-fund");
        providers = new ProcessBuilder(
                        "node", "idp.mjs", Integer.toString(OPERATOR_PORT), Integer.toString(COUNTY_PORT))
                .directory(providersDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(providersDir.resolve("idp.log").toFile())
                .start();
        try (HttpClient client = HttpClient.newHttpClient()) {
            Waiting.until(
                    "the walkthrough's identity providers to answer",
                    Duration.ofSeconds(60),
                    () -> discovers(client, OPERATOR_PORT) && discovers(client, COUNTY_PORT));
        }
    }

    @AfterAll
    static void stopProviders() throws InterruptedException {
        if (providers != null) {
            providers.destroy();
            providers.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theNumberedStepsTakeAnOperatorTokenToACodesStatistics() throws Exception {
        Path script = dir.resolve("walkthrough.sh");
        Files.writeString(script, "set -euo pipefail\n" + numberedSteps());

        String output = run(dir, Duration.ofMinutes(2), "bash", script.toString());

        List<String> lines = output.lines().toList();
        assertThat(output)
                .contains("\"name\":\"Walkthrough County\"")
                .contains("\"oauth_enabled\":\"true\"")
                .contains("\"email\":\"kim@county.example\"")
                .contains("\"invitation_pending\":true")
                .contains("\"name\":\"hospital feed\"");
        JsonNode realm = JSON.readTree(lines.getLast());
        assertThat(realm.path("code").path("claimed").asBoolean(true))
                .as(output)
                .isFalse();
        assertThat(realm.path("realmStats")
                        .path("items")
                        .path(0)
                        .path("codesIssued")
                        .asInt())
                .as(output)
                .isEqualTo(1);
        assertThat(realm.path("apiKeyStats").path("key").path("name").asString())
                .as(output)
                .isEqualTo("hospital feed");
        assertThat(realm.path("apiKeyStats")
                        .path("days")
                        .path("items")
                        .path(0)
                        .path("codesIssued")
                        .asInt())
                .as(output)
                .isEqualTo(1);
    }

    /** The {@code sh} blocks under the walkthrough's numbered headings, with this run's ports. */
    private String numberedSteps() throws IOException {
        List<String> steps = new ArrayList<>();
        boolean inWalkthrough = false;
        boolean inStep = false;
        boolean inBlock = false;
        for (String line : Files.readAllLines(PAGE, StandardCharsets.UTF_8)) {
            if (inBlock) {
                inBlock = !line.equals("```");
                if (inBlock) {
                    steps.add(line);
                }
            } else if (line.startsWith("## ")) {
                inWalkthrough = line.equals("## Walkthrough");
                inStep = false;
            } else if (line.startsWith("### ")) {
                inStep = inWalkthrough && NUMBERED_STEP.matcher(line).matches();
            } else {
                inBlock = inStep && line.equals("```sh");
            }
        }
        assertThat(steps).as("the walkthrough's numbered steps in %s", PAGE).isNotEmpty();
        return String.join("\n", steps)
                        .replace("http://localhost:8080", "http://localhost:" + port)
                        .replace("http://localhost:9000", "http://localhost:" + OPERATOR_PORT)
                        .replace("http://localhost:9001", "http://localhost:" + COUNTY_PORT)
                + "\n";
    }

    private static boolean discovers(HttpClient client, int port) {
        try {
            return client.send(
                                    HttpRequest.newBuilder(URI.create(
                                                    "http://localhost:" + port + "/.well-known/openid-configuration"))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs a program to its end and returns its output; fails the test, with the output, when it fails. */
    private static String run(Path directory, Duration limit, String... command)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile(directory, "output", ".log");
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish within " + limit + ":\n" + Files.readString(output));
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            fail(String.join(" ", command) + " exited with " + process.exitValue() + ":\n" + text);
        }
        return text;
    }
}
