package org.enverify.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Wall time of each CLI command while the server runs, started as {@code ./enverify} starts them (the
 * jar laid out as a plain class path, the ahead-of-time cache made after a first command), against two raw
 * baselines of the same JVM measured in the same run: {@code java -version}, and a JVM that opens one
 * JDBC connection to the same PostgreSQL and runs {@code SELECT 1}.
 */
final class CliTimings {

    /** Runs of each command and baseline; the report gives their median and maximum. */
    static final int RUNS = 3;

    /**
     * In a command's words, the number of the run: a command that creates something named creates a new one
     * each run, instead of being refused for a name the first run took.
     */
    private static final String RUN = "{run}";

    /** The bound for a command's wall time on the bench machine. */
    static final long TARGET_MILLIS = 1500;

    /** One command's (or baseline's) wall times, in milliseconds. */
    record Timing(String name, List<Long> millis, int exitCode) {

        long median() {
            List<Long> sorted = millis.stream().sorted().toList();
            return sorted.get(sorted.size() / 2);
        }

        long max() {
            return millis.stream().mapToLong(Long::longValue).max().orElse(0);
        }
    }

    private final Infrastructure infra;
    private final long realm;

    CliTimings(Infrastructure infra, long realm) {
        this.infra = infra;
        this.realm = realm;
    }

    /** The baselines first, then every command; the first entries are the two baselines. */
    List<Timing> run() throws IOException, InterruptedException {
        List<Timing> timings = new ArrayList<>();
        timings.add(time("baseline: java -version", infra.javaCommand(List.of("-version"))));
        Path benchClasses = Path.of(CliTimings.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .getPath());
        timings.add(time(
                "baseline: JDBC connect and SELECT 1",
                infra.javaCommand(List.of(
                        "-cp",
                        infra.postgresDriverJar() + java.io.File.pathSeparator + benchClasses,
                        JdbcPing.class.getName(),
                        infra.jdbcUrl()))));
        infra.trainCliCache();
        String id = Long.toString(realm);
        List<List<String>> commands = List.of(
                List.of("help"),
                List.of("realm", "--help"),
                List.of("reaml", "list"),
                List.of("realm", "list"),
                List.of("realm", "show", id),
                List.of("realm", "settings"),
                List.of("realm", "set", id, "code_duration=15m"),
                List.of("realm", "create", "--name", "Bench CLI " + RUN),
                List.of("apikey", "create", "--realm", id, "--type", "stats", "--name", "bench-cli-" + RUN),
                List.of("apikey", "list", "--realm", id),
                List.of("user", "create-admin", "--email", "bench-cli@example.org"),
                List.of("user", "revoke-sessions", "--email", "bench-cli@example.org"),
                List.of("audit", "verify", "--realm", id),
                List.of("quota", "show", id),
                List.of("mobileapp", "list", "--realm", id),
                List.of("keyserver", "show", "--realm", id),
                List.of("mail", "show", id),
                List.of("sms", "templates", id),
                List.of("webhook", "list", id),
                List.of("demo"));
        for (List<String> command : commands) {
            timings.add(time(
                    String.join(" ", command),
                    run -> infra.cliCommand(command.stream()
                            .map(word -> word.replace(RUN, Integer.toString(run)))
                            .toList())));
        }
        return timings;
    }

    private Timing time(String name, ProcessBuilder builder) throws IOException, InterruptedException {
        return time(name, run -> builder);
    }

    /** {@code builderOfRun} gives the command of each run, numbered from 1. */
    private Timing time(String name, IntFunction<ProcessBuilder> builderOfRun)
            throws IOException, InterruptedException {
        List<Long> millis = new ArrayList<>();
        int exitCode = 0;
        List<String> refusals = new ArrayList<>();
        Path errors = Files.createTempFile("bench-cli", ".err");
        for (int i = 0; i < RUNS; i++) {
            ProcessBuilder builder = builderOfRun.apply(i + 1).redirectError(errors.toFile());
            long started = System.nanoTime();
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(name + " did not finish within 120 s");
            }
            millis.add((System.nanoTime() - started) / 1_000_000);
            exitCode = process.exitValue();
            if (exitCode != 0) {
                refusals.add("run " + (i + 1) + ": "
                        + Files.readAllLines(errors).stream().findFirst().orElse("(nothing on standard error)"));
            }
        }
        Files.delete(errors);
        System.out.println(String.format(
                Locale.ROOT, "  %-70s %s ms (exit %d)", name, Arrays.toString(millis.toArray()), exitCode));
        refusals.forEach(refusal -> System.out.println("      " + refusal));
        return new Timing(name, millis, exitCode);
    }

    /** The markdown section of the report. */
    static String markdown(List<Timing> timings) {
        if (timings.isEmpty()) {
            return "";
        }
        Timing version = timings.get(0);
        Timing jdbc = timings.get(1);
        StringBuilder out = new StringBuilder(String.format(
                Locale.ROOT,
                "%nCLI, wall time per command while the server runs (median and maximum of %d runs; the launcher's"
                        + " class path and ahead-of-time cache), against `java -version` (%d ms) and a JVM that opens one"
                        + " JDBC connection and runs `SELECT 1` (%d ms):%n%n",
                RUNS,
                version.median(),
                jdbc.median()));
        out.append("| Command | exit | median ms | max ms | × java -version | × JDBC connect | ≤ 1500 ms |\n");
        out.append("|---|---:|---:|---:|---:|---:|---|\n");
        for (Timing timing : timings.subList(2, timings.size())) {
            out.append(String.format(
                    Locale.ROOT,
                    "| `%s` | %d | %d | %d | %.1f | %.1f | %s |%n",
                    timing.name(),
                    timing.exitCode(),
                    timing.median(),
                    timing.max(),
                    (double) timing.median() / Math.max(1, version.median()),
                    (double) timing.median() / Math.max(1, jdbc.median()),
                    timing.max() <= TARGET_MILLIS ? "yes" : "**no**"));
        }
        return out.toString();
    }

    /** The JSON array of the report. */
    static String json(List<Timing> timings) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < timings.size(); i++) {
            Timing timing = timings.get(i);
            out.append(String.format(
                    Locale.ROOT,
                    "%n    {\"name\": \"%s\", \"exitCode\": %d, \"millis\": %s}%s",
                    timing.name(),
                    timing.exitCode(),
                    timing.millis(),
                    i < timings.size() - 1 ? "," : ""));
        }
        return out.append("\n  ]").toString();
    }
}
