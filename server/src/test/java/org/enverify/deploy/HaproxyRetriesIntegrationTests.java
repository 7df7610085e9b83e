package org.enverify.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.enverify.apikey.ApiKeys;
import org.enverify.realm.Realms;
import org.enverify.support.ApiClient;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.LocalPorts;
import org.enverify.support.Programs;
import org.enverify.support.TestRealm;
import org.enverify.support.Waiting;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The sample HAProxy configuration, run by a real HAProxy, in front of two device-api servers: this
 * application, and a process that dies as each request reaches it (it reads the whole request and closes the
 * connection without a word, as a process killed at that moment does). Reads and chaff that meet the
 * dying server are re-sent and answered by the other; a verify that reached it is not re-sent, since a
 * server that dies may have done it. The dying server passes its health checks, as a process killed
 * between two checks still does. Each request comes on a connection of its own: HAProxy re-sends only the
 * first request of a client's connection, and closes a kept-alive connection without an answer instead,
 * so that the client may send the request again itself.
 */
@EnverifyIntegrationTest
class HaproxyRetriesIntegrationTests {

    private static final Path HAPROXY_CONFIG = Path.of("..", "deploy", "haproxy", "haproxy.cfg");
    private static final int REQUESTS = 6;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @TempDir
    Path dir;

    @Test
    void readsAndChaffAreResentToAnotherServerAndAVerifyIsNot() throws Exception {
        Optional<Path> haproxy = Programs.onPath("haproxy");
        Assumptions.assumeTrue(haproxy.isPresent(), "haproxy is not on the PATH");
        TestRealm realm = TestRealm.create(realms, apiKeys);
        try (DyingServer dying = new DyingServer()) {
            int frontPort = LocalPorts.free();
            Path config = dir.resolve("haproxy.cfg");
            Files.writeString(config, configuration(frontPort, dying.port()));
            Process proxy = new ProcessBuilder(haproxy.get().toString(), "-db", "-f", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("haproxy.log").toFile())
                    .start();
            try {
                ApiClient front = new ApiClient(frontPort);
                Waiting.until("HAProxy to answer", Duration.ofSeconds(30), () -> answers(front));

                List<Integer> reads = new ArrayList<>();
                List<Integer> chaff = new ArrayList<>();
                List<Integer> verifies = new ArrayList<>();
                // one kind after the other, so that round robin sends every kind to both servers
                for (int i = 0; i < REQUESTS; i++) {
                    reads.add(new ApiClient(frontPort).get("/openapi.yaml").status());
                }
                for (int i = 0; i < REQUESTS; i++) {
                    chaff.add(new ApiClient(frontPort)
                            .post(
                                    "/api/verify",
                                    realm.deviceKey(),
                                    "application/json",
                                    "{\"code\":\"12345678\"}",
                                    Map.of("X-Chaff", "1"))
                            .status());
                }
                for (int i = 0; i < REQUESTS; i++) {
                    verifies.add(new ApiClient(frontPort)
                            .post("/api/verify", realm.deviceKey(), Map.of("code", "12345678"))
                            .status());
                }

                assertThat(dying.verifiesReceived())
                        .as("verifies that met the dying server")
                        .isPositive();
                assertThat(reads).as("reads").containsOnly(200);
                assertThat(chaff).as("chaff").containsOnly(200);
                assertThat(verifies)
                        .as(
                                "a verify that met the dying server fails, one that met the application is refused as a wrong code")
                        .containsOnly(502, 400);
                assertThat(verifies.stream().filter(status -> status == 502))
                        .as("each verify that met the dying server was sent there once, and nowhere else")
                        .hasSize(dying.verifiesReceived());
            } finally {
                proxy.destroy();
                proxy.waitFor();
            }
        }
    }

    /**
     * The sample with its addresses filled in: every server is this application but {@code device-api-1},
     * the dying server, whose health checks go to this application's management port.
     */
    private String configuration(int frontPort, int dyingPort) throws IOException {
        String sample = Files.readString(HAPROXY_CONFIG, StandardCharsets.UTF_8);
        String application = "127.0.0.1:" + port + " check port " + managementPort;
        return sample.replaceFirst("(?m)^(\\s*)bind :80$", "$1bind 127.0.0.1:" + frontPort)
                .replace("bind 127.0.0.1:8404", "bind 127.0.0.1:" + LocalPorts.free())
                .replace("/run/haproxy/admin.sock", dir.resolve("admin.sock").toString())
                .replace("acl office src 10.0.0.0/8 192.168.0.0/16", "acl office src 127.0.0.0/8")
                .replaceAll(
                        "(?m)^(\\s*server device-api-1\\s+)[0-9.]+:8080 check",
                        "$1127.0.0.1:" + dyingPort + " check port " + managementPort)
                .replaceAll("(?m)^(\\s*server \\S+\\s+)[0-9.]+:8080 check", "$1" + application);
    }

    private static boolean answers(ApiClient front) {
        try {
            return front.get("/openapi.yaml").status() == 200;
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    /** Accepts each connection, reads the request's head and closes the connection without answering. */
    private static final class DyingServer implements AutoCloseable {

        private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d{1,9})\\s*$");

        private final ServerSocket socket;
        private final AtomicInteger verifies = new AtomicInteger();
        private final Thread acceptor;

        DyingServer() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = Thread.ofVirtual().start(this::serve);
        }

        int port() {
            return socket.getLocalPort();
        }

        int verifiesReceived() {
            return verifies.get();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket connection = socket.accept()) {
                    String head = head(connection.getInputStream());
                    if (head.startsWith("POST /api/verify ")
                            && !head.toLowerCase().contains("\nx-chaff:")) {
                        verifies.incrementAndGet();
                    }
                } catch (IOException closedOrReset) {
                    // the listening socket was closed, or HAProxy gave up on the connection first
                }
            }
        }

        /**
         * Reads the request's head and then its body, so that the connection closes cleanly: unread bytes would
         * make the close a reset, which a proxy may take for a failure of its own sending.
         */
        private static String head(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            int next;
            while ((next = in.read()) != -1) {
                head.append((char) next);
                if (head.length() >= 4 && head.lastIndexOf("\r\n\r\n") == head.length() - 4) {
                    break;
                }
            }
            Matcher length = CONTENT_LENGTH.matcher(head);
            if (length.find()) {
                in.readNBytes(Integer.parseInt(length.group(1)));
            }
            return head.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            acceptor.interrupt();
        }
    }
}
