package org.enverify.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.enverify.bench.LoadGenerator.Result;

/**
 * C2: the README's first command on a fresh data directory, {@code java -jar enverify.jar --demo} with every role
 * and the embedded PostgreSQL, timed from launch until the block that ends the first start is complete on
 * standard output; the block itself goes into the report with its passwords and keys masked.
 */
final class FirstStart implements Report.Section {

    /** The line above and below the block (the server's {@code FirstStartBlock.RULE}). */
    private static final String RULE = "=".repeat(100);

    /** Passwords and keys: runs of 16 or more URL-safe characters with a lower-case letter and a capital or a digit. */
    private static final Pattern SECRET =
            Pattern.compile("(?=[A-Za-z0-9_-]*[a-z])(?=[A-Za-z0-9_-]*[A-Z0-9])[A-Za-z0-9_-]{16,}");

    /** Generous: on a busy shared machine a JVM with the whole application takes minutes to start. */
    private static final long WAIT_SECONDS = 300;

    private final long blockMillis;
    private final List<String> block;
    private final String failure;

    private FirstStart(long blockMillis, List<String> block, String failure) {
        this.blockMillis = blockMillis;
        this.block = block;
        this.failure = failure;
    }

    static FirstStart run(Infrastructure infra, Path workDir) throws IOException, InterruptedException {
        Path dataDir = Files.createTempDirectory(workDir, "first-start");
        ProcessBuilder builder = infra.firstStartCommand(dataDir);
        long launched = System.nanoTime();
        Process process = builder.start();
        try {
            CompletableFuture<List<String>> reading = CompletableFuture.supplyAsync(() -> block(process));
            List<String> lines = reading.get(WAIT_SECONDS, TimeUnit.SECONDS);
            long millis = (System.nanoTime() - launched) / 1_000_000;
            if (lines.isEmpty()) {
                return new FirstStart(0, List.of(), "the process ended without printing the block");
            }
            System.out.println("First start: the block was complete " + millis + " ms after launch");
            return new FirstStart(millis, lines.stream().map(FirstStart::masked).toList(), null);
        } catch (TimeoutException e) {
            return new FirstStart(0, List.of(), "no block within " + WAIT_SECONDS + " s");
        } catch (ExecutionException e) {
            return new FirstStart(0, List.of(), "reading its output failed: " + e.getCause());
        } finally {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** The block's lines, rules included, or none when the output ends first. */
    private static List<String> block(Process process) {
        List<String> lines = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.equals(RULE) || !lines.isEmpty()) {
                    lines.add(line);
                    if (lines.size() > 1 && line.equals(RULE)) {
                        return lines;
                    }
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        return List.of();
    }

    static String masked(String line) {
        return SECRET.matcher(line).replaceAll("‹masked›");
    }

    @Override
    public String markdown(List<Result> results) {
        if (failure != null) {
            return String.format(Locale.ROOT, "%nFirst start (C2): **not measured**: %s.%n", failure);
        }
        return String.format(
                        Locale.ROOT,
                        "%nFirst start (C2): `java -jar enverify.jar --demo` on a fresh data directory (every role,"
                                + " the embedded PostgreSQL) ended with this block %d ms after launch (passwords and keys"
                                + " masked here):%n%n```text%n",
                        blockMillis)
                + String.join("\n", block) + "\n```\n";
    }

    @Override
    public String json(List<Result> results) {
        return String.format(
                Locale.ROOT,
                "\"firstStart\": {\"blockMillis\": %d, \"lines\": %d%s}",
                blockMillis,
                block.size(),
                failure == null ? "" : ", \"failure\": \"" + failure.replace("\"", "'") + "\"");
    }
}
