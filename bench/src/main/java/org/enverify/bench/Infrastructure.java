package org.enverify.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What the bench starts: a fresh embedded PostgreSQL and Enverify in a JVM of its own on it. */
final class Infrastructure implements AutoCloseable {

    private final Path workDir;
    private final Path jar;
    private EmbeddedPostgres postgres;
    private Process enverify;
    private int enverifyPort;

    Infrastructure(Path workDir, Path jar) {
        this.workDir = workDir;
        this.jar = jar;
    }

    void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(workDir.resolve("pgdata"))
                .setCleanDataDirectory(true)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                .setServerConfig("shared_buffers", "512MB")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .start();
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
    }

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("ENVERIFY_DATA_DIR", workDir.resolve("enverify").toString());
        env.put("ENVERIFY_DATABASE_URL", jdbcUrl());
        env.put("ENVERIFY_DATABASE_USERNAME", "postgres");
        env.put("ENVERIFY_DATABASE_PASSWORD", "postgres");
        // The bench measures the server, not its abuse protection: limits far above any load here.
        env.put("ENVERIFY_RATE_LIMIT_DEVICE_API", "999999999/1s");
        env.put("ENVERIFY_RATE_LIMIT_ADMIN_API", "999999999/1s");
        env.put("ENVERIFY_ROLES", "device-api,admin-api");
        env.put("ENVERIFY_TRACE_SAMPLING", "0");
        return env;
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** Runs one CLI command of the jar and returns its standard output, stripped. */
    String cli(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", jar.toString()));
        command.addAll(List.of(arguments));
        Path out = Files.createTempFile(workDir, "cli-out", ".log");
        Path err = Files.createTempFile(workDir, "cli-err", ".log");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(environment());
        builder.environment().remove("ENVERIFY_ROLES");
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("CLI did not finish within 120 s: " + String.join(" ", arguments));
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("CLI failed (" + process.exitValue() + "): " + String.join(" ", arguments)
                    + "\n" + Files.readString(err, StandardCharsets.UTF_8));
        }
        return Files.readString(out, StandardCharsets.UTF_8).strip();
    }

    void startEnverify() throws IOException, InterruptedException {
        enverifyPort = freePort();
        List<String> command = List.of(java(), "-Xmx256m", "-XX:ActiveProcessorCount=2", "-jar", jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(workDir.resolve("enverify.out.log").toFile())
                .redirectError(workDir.resolve("enverify.err.log").toFile());
        builder.environment().putAll(environment());
        builder.environment().put("ENVERIFY_PORT", Integer.toString(enverifyPort));
        builder.environment().put("SERVER_ADDRESS", "127.0.0.1");
        enverify = builder.start();
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!enverify.isAlive()) {
                throw new IllegalStateException("Enverify exited with " + enverify.exitValue() + "; see "
                        + workDir.resolve("enverify.out.log"));
            }
            try {
                HttpResponse<String> health = client.send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + "/health?service=database"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(
                "Enverify did not become healthy within 120 s; see " + workDir.resolve("enverify.out.log"));
    }

    String baseUrl() {
        return "http://127.0.0.1:" + enverifyPort;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public synchronized void close() {
        if (enverify != null && enverify.isAlive()) {
            enverify.destroy();
            try {
                if (!enverify.waitFor(30, TimeUnit.SECONDS)) {
                    enverify.destroyForcibly();
                    enverify.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                enverify.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        enverify = null;
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("Could not stop PostgreSQL: " + e);
            }
            postgres = null;
        }
    }
}
