package org.enverify.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.enverify.support.ApiClient;
import org.enverify.support.EnverifyProcess;
import org.enverify.support.LocalPorts;
import org.enverify.support.Waiting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process asked to stop (SIGTERM) with {@code ENVERIFY_SHUTDOWN_DRAIN_DELAY}: readiness turns to
 * 503 while the process still takes requests, then it refuses new connections, finishes the request
 * in flight, and exits on its own well within the graceful timeout. The request in flight is an
 * issue whose body arrives only after the stop was asked for.
 */
class GracefulShutdownIntegrationTests {

    private static final Duration DRAIN = Duration.ofSeconds(5);
    private static final Duration GRACEFUL_TIMEOUT = Duration.ofSeconds(30);
    /** What the JVM reports after it ended on SIGTERM with every shutdown hook done. */
    private static final int ENDED_BY_SIGTERM = 128 + 15;

    @TempDir
    Path dataDir;

    @Test
    void readinessFallsFirstThenTheRequestInFlightFinishesAndTheProcessExits() throws Exception {
        int port = LocalPorts.free();
        int managementPort = LocalPorts.free();
        try (EnverifyProcess enverify = EnverifyProcess.start(
                Map.of(
                        "ENVERIFY_DATA_DIR",
                        dataDir.toString(),
                        "ENVERIFY_DATABASE_EMBEDDED_DURABLE",
                        "false",
                        "ENVERIFY_PORT",
                        Integer.toString(port),
                        "ENVERIFY_MANAGEMENT_PORT",
                        Integer.toString(managementPort),
                        "ENVERIFY_SHUTDOWN_DRAIN_DELAY",
                        DRAIN.toSeconds() + "s",
                        "SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE",
                        GRACEFUL_TIMEOUT.toSeconds() + "s"),
                "--demo")) {
            enverify.awaitOutput("DEVICE_KEY=", Duration.ofSeconds(300));
            String adminKey = quoted(enverify.stdout(), "ADMIN_KEY");
            ApiClient api = new ApiClient(port);
            ApiClient management = new ApiClient(managementPort);
            Waiting.until(
                    "readiness",
                    Duration.ofSeconds(300),
                    () -> status(management, "/actuator/health/readiness") == 200);

            byte[] body = ("{\"testType\":\"confirmed\",\"testDate\":\"" + LocalDate.now(ZoneOffset.UTC) + "\"}")
                    .getBytes(StandardCharsets.US_ASCII);
            try (Socket inFlight = new Socket("127.0.0.1", port)) {
                OutputStream out = inFlight.getOutputStream();
                out.write(("POST /api/issue HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: " + adminKey
                                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                                + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body, 0, 5);
                out.flush();

                enverify.terminate();

                Waiting.until(
                        "readiness to fall",
                        Duration.ofSeconds(300),
                        () -> status(management, "/actuator/health/readiness") == 503);
                assertThat(management.get("/actuator/health/readiness").body()).contains("OUT_OF_SERVICE");
                assertThat(api.get("/health").status())
                        .as("a new request while readiness is down")
                        .isEqualTo(200);
                assertThat(enverify.isAlive()).isTrue();

                Waiting.until("new connections to be refused", Duration.ofSeconds(300), () -> refusesConnections(port));
                assertThat(enverify.isAlive())
                        .as("still finishing the request in flight")
                        .isTrue();

                out.write(body, 5, body.length - 5);
                out.flush();
                String response = readAll(inFlight.getInputStream());
                assertThat(response).startsWith("HTTP/1.1 200").contains("\"code\":\"");
            }

            OptionalInt exit = enverify.awaitExit(GRACEFUL_TIMEOUT);
            assertThat(exit).as("ended within the graceful timeout").isPresent();
            assertThat(exit.getAsInt())
                    .as("a clean exit on SIGTERM; standard error:\n" + enverify.stderr())
                    .isEqualTo(ENDED_BY_SIGTERM);
            assertThat(enverify.stdout()).contains("readiness is down; serving for PT5S more");
        }
    }

    private static int status(ApiClient client, String path) {
        try {
            return client.get(path).status();
        } catch (RuntimeException notListening) {
            return -1;
        }
    }

    private static boolean refusesConnections(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return false;
        } catch (ConnectException refused) {
            return true;
        } catch (IOException other) {
            return false;
        }
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String quoted(String text, String name) {
        Matcher matcher = Pattern.compile(name + "='([^']+)'").matcher(text);
        assertThat(matcher.find()).as(name + " printed").isTrue();
        return matcher.group(1);
    }
}
