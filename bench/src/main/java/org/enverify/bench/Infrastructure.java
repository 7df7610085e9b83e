package org.enverify.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
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
    private long startupMillis;
    private long postmasterPid = -1;

    Infrastructure(Path workDir, Path jar) {
        this.workDir = workDir;
        this.jar = jar;
    }

    /** With BENCH_PG_STATEMENTS=1, PostgreSQL counts every statement, and the run dumps the counts. */
    static boolean statementStats() {
        return "1".equals(System.getenv("BENCH_PG_STATEMENTS"));
    }

    void startPostgres() throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        if (statementStats()) {
            builder.setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .setServerConfig("pg_stat_statements.track", "all");
        }
        postgres = builder.setDataDirectory(workDir.resolve("pgdata"))
                .setCleanDataDirectory(true)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                .setServerConfig("shared_buffers", "512MB")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .start();
    }

    /** Writes what pg_stat_statements counted, most called first, to {@code statements.txt} in the run directory. */
    void dumpStatementStats() throws Exception {
        if (!statementStats()) {
            return;
        }
        StringBuilder out = new StringBuilder("calls\ttotal_ms\tmean_ms\trows\tquery\n");
        try (var connection = java.sql.DriverManager.getConnection(jdbcUrl(), "postgres", "postgres");
                var statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            try (var rs = statement.executeQuery(
                    "SELECT calls, round(total_exec_time::numeric, 1), round(mean_exec_time::numeric, 3), rows,"
                            + " regexp_replace(query, '\\s+', ' ', 'g') FROM pg_stat_statements ORDER BY calls DESC")) {
                while (rs.next()) {
                    out.append(rs.getLong(1))
                            .append('\t')
                            .append(rs.getString(2))
                            .append('\t')
                            .append(rs.getString(3))
                            .append('\t')
                            .append(rs.getLong(4))
                            .append('\t')
                            .append(rs.getString(5))
                            .append('\n');
                }
            }
        }
        Files.writeString(workDir.resolve("statements.txt"), out);
    }

    String jdbcUrl() {
        return jdbcUrl("postgres");
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database;
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
        env.putAll(Growth.serverEnvironment());
        // the management phases' identity provider serves its keys over plain HTTP on 127.0.0.1
        env.put("ENVERIFY_WEBHOOKS_ALLOW_PRIVATE", "true");
        return env;
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** Runs one CLI command of the jar and returns its standard output, stripped. */
    String cli(String... arguments) throws IOException, InterruptedException {
        // A short-lived JVM: the first JIT tier is all it needs, and it starts faster without the second.
        List<String> command = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        command.addAll(List.of(arguments));
        Path out = Files.createTempFile(workDir, "cli-out", ".log");
        Path err = Files.createTempFile(workDir, "cli-err", ".log");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(environment());
        builder.environment().remove("ENVERIFY_ROLES");
        Process process = builder.start();
        // Generous: on a busy shared machine a JVM with the whole application takes minutes to start.
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("CLI did not finish within 300 s: " + String.join(" ", arguments));
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("CLI failed (" + process.exitValue() + "): " + String.join(" ", arguments)
                    + "\n" + Files.readString(err, StandardCharsets.UTF_8));
        }
        return Files.readString(out, StandardCharsets.UTF_8).strip();
    }

    /** The JVM options ./enverify runs a CLI command with. */
    static final List<String> CLI_JVM_OPTIONS =
            List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xlog:disable", "-Xlog:all=error:stderr");

    private Path cliCache() {
        return workDir.resolve("cli.aot");
    }

    /** The same JVM with the CLI's options, its output thrown away. */
    ProcessBuilder javaCommand(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(CLI_JVM_OPTIONS);
        command.addAll(arguments);
        return new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
    }

    /**
     * The README's first command, {@code java -jar enverify.jar --demo}, as a newcomer runs it: no options, every
     * role, the embedded PostgreSQL in a data directory of its own; its standard output is read by the caller.
     */
    ProcessBuilder firstStartCommand(Path dataDir) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(java(), "-jar", jar.toString(), "--demo")
                .redirectError(workDir.resolve("first-start.err.log").toFile());
        builder.environment().put("ENVERIFY_DATA_DIR", dataDir.toString());
        builder.environment().put("ENVERIFY_PORT", Integer.toString(freePort()));
        builder.environment().put("ENVERIFY_MANAGEMENT_PORT", Integer.toString(freePort()));
        builder.environment().put("SERVER_ADDRESS", "127.0.0.1");
        return builder;
    }

    /** A CLI command as ./enverify runs it on a JDK 24 or newer: the extracted jar with its ahead-of-time cache. */
    ProcessBuilder cliCommand(List<String> words) {
        List<String> arguments = new ArrayList<>(List.of("-XX:AOTCache=" + cliCache()));
        arguments.addAll(cliJar(words));
        return cliEnvironment(javaCommand(arguments));
    }

    /** Makes the ahead-of-time cache as ./enverify does after a first command: records a training {@code demo}, then creates it. */
    void trainCliCache() throws IOException, InterruptedException {
        Path configuration = workDir.resolve("cli.aotconf");
        List<String> record = new ArrayList<>(
                List.of("-Denverify.cli.training=true", "-XX:AOTMode=record", "-XX:AOTConfiguration=" + configuration));
        record.addAll(cliJar(List.of("demo")));
        run(cliEnvironment(javaCommand(record)));
        List<String> create = new ArrayList<>(
                List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + configuration, "-XX:AOTCache=" + cliCache()));
        create.addAll(cliJar(List.of()));
        run(javaCommand(create));
    }

    private List<String> cliJar(List<String> words) {
        List<String> arguments =
                new ArrayList<>(List.of("-jar", appDir().resolve("enverify.jar").toString()));
        arguments.addAll(words);
        return arguments;
    }

    private ProcessBuilder cliEnvironment(ProcessBuilder builder) {
        builder.environment().putAll(environment());
        builder.environment().remove("ENVERIFY_ROLES");
        return builder;
    }

    /** PostgreSQL's JDBC driver among the extracted jar's dependencies. */
    Path postgresDriverJar() throws IOException {
        try (var jars = Files.list(appDir().resolve("lib"))) {
            return jars.filter(jar -> jar.getFileName().toString().startsWith("postgresql-"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL driver in " + appDir()));
        }
    }

    /**
     * The options of deploy/Dockerfile's JAVA_TOOL_OPTIONS but its heap percentage. A container's
     * initial heap is 1/64 of its memory, a few MB; on a large host the JVM would start with the whole
     * 256 MB heap committed, so {@code -Xms32m} stands in for the container's.
     */
    static final List<String> IMAGE_JVM_OPTIONS = List.of(
            "-Xms32m",
            "-XX:+UseSerialGC",
            "-XX:MaxMetaspaceSize=128m",
            "-Xss512k",
            "-XX:+ExitOnOutOfMemoryError",
            "--enable-native-access=ALL-UNNAMED",
            "-XX:NewSize=24m",
            "-XX:TrimNativeHeapInterval=5000");

    private static final String AOT_CACHE = "enverify.aot";

    /**
     * Lays the jar out as deploy/Dockerfile does, a plain jar with its dependencies in {@code lib/},
     * and trains the JVM's AOT cache with the image's command. The image trains on the embedded
     * database as its own user; the bench may run as root, which PostgreSQL refuses, so it trains on
     * a scratch database of its own PostgreSQL instead.
     */
    void prepareImageLayout() throws IOException, InterruptedException, java.sql.SQLException {
        run(new ProcessBuilder(
                        java(),
                        "-Djarmode=tools",
                        "-jar",
                        jar.toString(),
                        "extract",
                        "--destination",
                        appDir().toString())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("extract.log").toFile()));
        try (var connection = java.sql.DriverManager.getConnection(jdbcUrl(), "postgres", "postgres");
                var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE aot_training");
        }
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m"));
        command.addAll(IMAGE_JVM_OPTIONS);
        command.addAll(
                List.of("-XX:AOTCacheOutput=" + AOT_CACHE, "-Dspring.context.exit=onRefresh", "-jar", "enverify.jar"));
        ProcessBuilder training = new ProcessBuilder(command)
                .directory(appDir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("aot-training.log").toFile());
        training.environment().putAll(environment());
        training.environment().put("ENVERIFY_DATABASE_URL", jdbcUrl("aot_training"));
        training.environment()
                .put("ENVERIFY_DATA_DIR", workDir.resolve("aot-training").toString());
        training.environment().put("ENVERIFY_MANAGEMENT_PORT", Integer.toString(freePort()));
        run(training);
    }

    private void run(ProcessBuilder builder) throws IOException, InterruptedException {
        Process process = builder.start();
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("did not finish within 300 s: " + String.join(" ", builder.command()));
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(
                    "failed (" + process.exitValue() + "): " + String.join(" ", builder.command()) + "; see "
                            + builder.redirectOutput().file());
        }
    }

    private Path appDir() {
        return workDir.resolve("app");
    }

    /** The JVM as Enverify's runs: the bench's heap and processors, the image's options. */
    private static List<String> enverifyJvm() {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx256m", "-XX:ActiveProcessorCount=2"));
        command.addAll(IMAGE_JVM_OPTIONS);
        return command;
    }

    /** Starts Enverify as the image's entrypoint does: the extracted jar with the AOT cache. */
    void startEnverify() throws IOException, InterruptedException {
        enverifyPort = freePort();
        List<String> command = enverifyJvm();
        // For profiling a run, e.g. BENCH_ENVERIFY_JVM_OPTIONS=-XX:StartFlightRecording=filename=app.jfr
        String extra = System.getenv("BENCH_ENVERIFY_JVM_OPTIONS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-XX:AOTCache=" + AOT_CACHE, "-jar", "enverify.jar"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(appDir().toFile())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        workDir.resolve("enverify.out.log").toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(
                        workDir.resolve("enverify.err.log").toFile()));
        builder.environment().putAll(environment());
        builder.environment().put("ENVERIFY_PORT", Integer.toString(enverifyPort));
        // /actuator/** is on a port of its own, as in the image; a free one, beside whatever else runs here
        builder.environment().put("ENVERIFY_MANAGEMENT_PORT", Integer.toString(freePort()));
        builder.environment().put("SERVER_ADDRESS", "127.0.0.1");
        long launched = System.nanoTime();
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
                    startupMillis = (System.nanoTime() - launched) / 1_000_000;
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

    /** B10's server: its JVM and the address it answers on; closing stops it. */
    record BareServletServer(Process process, URI uri) implements AutoCloseable {

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /**
     * Starts {@link BareServlet} in a JVM with Enverify's options, on the Tomcat of the laid-out image (the
     * very jars Enverify runs on), and waits until it answers.
     */
    BareServletServer startBareServlet() throws Exception {
        int port = freePort();
        Path benchClasses = Path.of(BareServlet.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        List<String> command = enverifyJvm();
        command.addAll(List.of(
                "-cp",
                benchClasses + File.pathSeparator + appDir().resolve("lib") + File.separator + "*",
                BareServlet.class.getName(),
                Integer.toString(port),
                workDir.resolve("bare-servlet").toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        workDir.resolve("bare-servlet.log").toFile()))
                .start();
        BareServletServer server =
                new BareServletServer(process, URI.create("http://127.0.0.1:" + port + "/api/verify"));
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                client.send(
                        HttpRequest.newBuilder(server.uri())
                                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                return server;
            } catch (IOException e) {
                Thread.sleep(200); // not listening yet
            }
        }
        server.close();
        throw new IllegalStateException(
                "B10's bare servlet did not answer within 60 s; see " + workDir.resolve("bare-servlet.log"));
    }

    /** From launching Enverify's JVM to its first successful answer, polled every 200 ms. */
    long startupMillis() {
        return startupMillis;
    }

    long enverifyPid() {
        return enverify == null ? -1 : enverify.pid();
    }

    /** The parent of a backend is the postmaster. */
    long postmasterPid() {
        if (postmasterPid > 0) {
            return postmasterPid;
        }
        try (var connection = java.sql.DriverManager.getConnection(jdbcUrl(), "postgres", "postgres");
                var statement = connection.createStatement();
                var rs = statement.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            String stat = Files.readString(Path.of("/proc/" + rs.getInt(1) + "/stat"));
            postmasterPid =
                    Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
        } catch (Exception e) {
            postmasterPid = -1;
        }
        return postmasterPid;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + enverifyPort;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Stops Enverify and starts it again on the same database, which is migrated by now. */
    void restartEnverify() throws IOException, InterruptedException {
        stopEnverify();
        startEnverify();
    }

    @Override
    public synchronized void close() {
        stopEnverify();
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("Could not stop PostgreSQL: " + e);
            }
            postgres = null;
        }
    }

    private synchronized void stopEnverify() {
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
    }
}
