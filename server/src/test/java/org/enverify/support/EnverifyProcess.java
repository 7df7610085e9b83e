package org.enverify.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/** Enverify in a JVM of its own, started the way an operator starts it, on the test classpath. */
public final class EnverifyProcess implements AutoCloseable {

    private static final String STARTED_LINE = "Started EnverifyApplication";

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private EnverifyProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public record Result(int exitCode, String stdout, String stderr) {}

    /** Runs one CLI command to its end. */
    public static Result run(Map<String, String> environment, String... arguments) {
        try (EnverifyProcess cli = start(environment, arguments)) {
            if (!cli.process.waitFor(120, TimeUnit.SECONDS)) {
                throw new AssertionError("the command did not finish: " + String.join(" ", arguments));
            }
            return new Result(cli.process.exitValue(), cli.stdout(), cli.stderr());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static EnverifyProcess start(Map<String, String> environment, String... arguments) {
        try {
            Path stdout = Files.createTempFile("enverify-out", ".log");
            Path stderr = Files.createTempFile("enverify-err", ".log");
            List<String> command = new ArrayList<>(List.of(
                    ProcessHandle.current().info().command().orElse("java"),
                    // as the jar's manifest allows for java -jar: the native crypto provider loads without a warning
                    "--enable-native-access=ALL-UNNAMED",
                    "-cp",
                    System.getProperty("java.class.path"),
                    "org.enverify.EnverifyApplication"));
            command.addAll(List.of(arguments));
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            // a management port of its own, so that processes side by side do not all claim 8081
            builder.environment().put("ENVERIFY_MANAGEMENT_PORT", "0");
            builder.environment().putAll(environment);
            return new EnverifyProcess(builder.start(), stdout, stderr);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Resident memory of the process, from {@code /proc}; -1 where there is no {@code /proc}. */
    public long residentKilobytes() {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                    .findFirst()
                    .orElse(-1L);
        } catch (IOException e) {
            return -1;
        }
    }

    public String stdout() {
        return read(stdout);
    }

    public String stderr() {
        return read(stderr);
    }

    /** Waits until standard output contains {@code text}. */
    public void awaitOutput(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!stdout().contains(text)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("never printed '" + text + "':\n" + stdout() + stderr());
            }
            pause();
        }
    }

    /** Ends the process as a crash would: no shutdown hooks, no graceful anything. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Returns once the server has finished starting and answers {@code /health} with 200 through
     * {@code api}; fails with its output when it still does not after {@code atMost}. A port nobody
     * listens on yet is not healthy. Tomcat answers before the application context has finished its
     * refresh, and until then request log lines lack their trace id, so the start line is awaited too,
     * as a load balancer awaits readiness.
     */
    public void awaitHealthy(ApiClient api, Duration atMost) {
        try {
            Waiting.until("the server to be healthy", atMost, () -> stdout().contains(STARTED_LINE) && healthy(api));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the server did not become healthy:\n" + stdout() + stderr(), e);
        }
    }

    private static boolean healthy(ApiClient api) {
        try {
            return api.get("/health").status() == 200;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Sends SIGTERM, as an operator or an orchestrator does, without waiting. */
    public void terminate() {
        process.destroy();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to end; its exit code, or empty when it still runs after {@code timeout}. */
    public OptionalInt awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    ? OptionalInt.of(process.exitValue())
                    : OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the process as an operator would (SIGTERM) and waits for it. */
    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
