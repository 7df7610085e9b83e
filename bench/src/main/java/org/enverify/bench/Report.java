package org.enverify.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.enverify.bench.LoadGenerator.Result;

/**
 * Every Enverify figure as a ratio to its baselines at the same concurrency (the raw database
 * statement, the Go server's statement sequence, a bare HTTP server), checked against the targets
 * of issue 19 (and the ratios of issue 7 it kept), with CPU time per operation and memory, in
 * Markdown and JSON.
 */
final class Report {

    /** A ratio the issue sets a target for: Enverify's operation over a baseline, in units of work. */
    private record Target(String operation, String baseline, double unitsPerOperation, double atLeast) {}

    private static final List<Target> TARGETS = List.of(
            new Target("A1", "B1", 1, 0.45),
            new Target("A1", "B6 go_issue", 1, 2.0),
            new Target("A1", "B9", 1, 0),
            new Target("A2", "B2", 1, 0.5),
            new Target("A2", "B6 go_issue", 10, 2.0),
            new Target("A3", "B3", 1, 0.6),
            new Target("A3", "B6 go_verify", 1, 2.0),
            new Target("A3", "B9", 1, 0),
            new Target("A4", "B4", 1, 0.5),
            new Target("A4", "B6 go_cert", 1, 2.0),
            new Target("A5", "B9", 1, 0),
            new Target("A6", "B9", 1, 0.2),
            new Target("A7", "B5", 1, 0),
            new Target("A8", "B9", 1, 0.2),
            new Target("A12", "B12", 1, 0),
            new Target("A13", "B13", 1, 0));

    /**
     * Issue 19's bound on Enverify's CPU per successful operation, and on PostgreSQL's against the
     * raw statement's at the same concurrency, where the phase has one.
     */
    private record CpuTarget(String operation, double appMicrosAtMost, String rawStatement) {}

    private static final double POSTGRES_OVER_RAW_AT_MOST = 1.5;

    private static final List<CpuTarget> CPU_TARGETS = List.of(
            new CpuTarget("A1", 200, "B1"),
            new CpuTarget("A3", 250, "B3"),
            new CpuTarget("A4", 200, "B4"),
            new CpuTarget("A6", 50, null),
            new CpuTarget("A8 rejection: unknown API key", 60, null),
            new CpuTarget("A8 rejection: malformed body", 80, null),
            new CpuTarget("A8 rejection: wrong code", 200, null));

    /** A part of the report that a phase group writes itself, from the run's results. */
    interface Section {
        String markdown(List<Result> results);

        /** One field of the JSON object: {@code "name": value}. */
        String json(List<Result> results);
    }

    private final List<Result> results;
    private final List<Section> sections;
    private final Map<String, String> checks;
    private final boolean quick;
    private final Instant started;
    private final Duration measure;
    private final Duration warmup;
    private final long idleRssKb;
    private final long afterRssKb;
    private final long startupMillis;
    private final long restartMillis;
    private final List<CliTimings.Timing> cliTimings;
    private final String commit;

    Report(
            List<Result> results,
            List<Section> sections,
            Map<String, String> checks,
            boolean quick,
            Instant started,
            Duration measure,
            Duration warmup,
            long idleRssKb,
            long afterRssKb,
            long startupMillis,
            long restartMillis,
            List<CliTimings.Timing> cliTimings,
            String commit) {
        this.results = results;
        this.sections = sections;
        this.checks = checks;
        this.quick = quick;
        this.started = started;
        this.measure = measure;
        this.warmup = warmup;
        this.idleRssKb = idleRssKb;
        this.afterRssKb = afterRssKb;
        this.startupMillis = startupMillis;
        this.restartMillis = restartMillis;
        this.cliTimings = cliTimings;
        this.commit = commit;
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        String stamp = Bench.timestamp(started).replace(":", "");
        String markdown = markdown();
        Path md = dir.resolve("bench-" + stamp + ".md");
        Path json = dir.resolve("bench-" + stamp + ".json");
        Files.writeString(md, markdown, StandardCharsets.UTF_8);
        Files.writeString(json, json(), StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(markdown);
        System.out.println("Written to " + md + " and " + json);
    }

    private Optional<Result> find(String phase, int concurrency) {
        return find(results, phase, concurrency);
    }

    /** PostgreSQL's CPU per operation, the raw statement's, their ratio, its bound and whether it holds. */
    private static String postgresAgainstRaw(Result result, Result raw) {
        double ratio = result.postgresCpuPerOp() / raw.postgresCpuPerOp();
        return String.format(
                Locale.ROOT,
                "%.0f | %.0f | %.2f | ≤ %s | %s",
                result.postgresCpuPerOp(),
                raw.postgresCpuPerOp(),
                ratio,
                POSTGRES_OVER_RAW_AT_MOST,
                ratio <= POSTGRES_OVER_RAW_AT_MOST ? "yes" : "**no**");
    }

    /** The result of the phase (its id, or the start of its name) at that concurrency. */
    static Optional<Result> find(List<Result> results, String phase, int concurrency) {
        return results.stream()
                .filter(r -> isPhase(r, phase) && r.concurrency() == concurrency)
                .findFirst();
    }

    /** Whether the result is of the phase named by its id or the start of its name: "A1" is not "A10". */
    private static boolean isPhase(Result result, String phase) {
        return result.name().equals(phase) || result.name().startsWith(phase + " ");
    }

    private static String machine() {
        String cpu = "unknown processor";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst()
                    .orElse(cpu);
        } catch (IOException e) {
            // not Linux
        }
        return Runtime.getRuntime().availableProcessors() + " processors (" + cpu + "), JDK "
                + System.getProperty("java.version") + " " + System.getProperty("java.vm.name");
    }

    /** ES256 certificates one core can make: one token verification and one signature each. */
    private Optional<Double> cryptoBound() {
        Optional<Result> sign = find("B7 ES256 sign", 1);
        Optional<Result> verify = find("B7 ES256 verify", 1);
        if (sign.isEmpty() || verify.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(1 / (1 / sign.get().throughput() + 1 / verify.get().throughput()));
    }

    private String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("Run ")
                .append(Bench.timestamp(started))
                .append(quick ? ", --quick" : "")
                .append(", commit ")
                .append(commit)
                .append(": ")
                .append(warmup.toSeconds())
                .append(" s warm-up and ")
                .append(measure.toSeconds())
                .append(" s measured per closed-loop row; ")
                .append(machine())
                .append(".\n\n");
        out.append(
                "| Phase | Conc. | ops/s | p50 ms | p99 ms | p99.9 ms | failures | CPU µs/op app | app JIT % | app GC %"
                        + " | pg | generator | app peak RSS MB | note |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Result r : results) {
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %.0f | %.2f | %.2f | %.2f | %d | %.0f | %s | %s | %.0f | %.0f | %s | %s |%n",
                    r.name(),
                    r.name().startsWith("A9") ? r.concurrency() + "/s" : Integer.toString(r.concurrency()),
                    r.throughput(),
                    r.percentileMillis(50),
                    r.percentileMillis(99),
                    r.percentileMillis(99.9),
                    r.failures(),
                    r.appCpuPerOp(),
                    r.name().startsWith("A") ? percent(r.usage().appJitShare()) : "",
                    r.name().startsWith("A") ? percent(r.usage().appGcShare()) : "",
                    r.postgresCpuPerOp(),
                    r.generatorCpuPerOp(),
                    r.name().startsWith("A") ? Long.toString(r.usage().appPeakRssKb() / 1024) : "",
                    r.exhausted() ? String.format(Locale.ROOT, "input ran out after %.1f s", r.seconds()) : ""));
        }
        out.append("\n| Enverify | Conc. | vs | throughput ratio | p50 ratio | target | met |\n");
        out.append("|---|---:|---|---:|---:|---:|---|\n");
        for (Result r : results) {
            for (Target target : TARGETS) {
                if (!isPhase(r, target.operation())) {
                    continue;
                }
                find(target.baseline(), r.concurrency())
                        .filter(base -> base.successes() > 0 && r.successes() > 0)
                        .ifPresent(base -> {
                            double ratio = r.throughput() * target.unitsPerOperation() / base.throughput();
                            out.append(String.format(
                                    Locale.ROOT,
                                    "| %s | %d | %s%s | %.2f | %.2f | %s | %s |%n",
                                    r.name(),
                                    r.concurrency(),
                                    base.name(),
                                    target.unitsPerOperation() == 1 ? "" : " (codes/s)",
                                    ratio,
                                    r.percentileMillis(50) / base.percentileMillis(50),
                                    target.atLeast() == 0 ? "" : "≥ " + target.atLeast(),
                                    target.atLeast() == 0 ? "" : ratio >= target.atLeast() ? "yes" : "**no**"));
                        });
            }
            if (r.name().startsWith("A4") && r.successes() > 0) {
                cryptoBound()
                        .ifPresent(bound -> out.append(String.format(
                                Locale.ROOT,
                                "| %s | %d | crypto bound, one core (%.0f/s) | %.2f | | ≥ 0.5 | %s |%n",
                                r.name(),
                                r.concurrency(),
                                bound,
                                r.throughput() / bound,
                                r.throughput() / bound >= 0.5 ? "yes" : "**no**")));
            }
        }
        out.append("\n| Enverify | Conc. | app CPU µs/op | target | met | B10's CPU µs/req | × B10 | pg CPU µs/op"
                + " | raw statement's pg | ratio | target | met |\n");
        out.append("|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (Result r : results) {
            for (CpuTarget target : CPU_TARGETS) {
                if (!isPhase(r, target.operation()) || r.successes() == 0) {
                    continue;
                }
                Optional<Result> raw = target.rawStatement() == null
                        ? Optional.empty()
                        : find(target.rawStatement(), r.concurrency()).filter(base -> base.successes() > 0);
                Optional<Result> floor =
                        find(Bench.BARE_SERVLET, r.concurrency()).filter(bare -> bare.successes() > 0);
                out.append(String.format(
                        Locale.ROOT,
                        "| %s | %d | %.0f | ≤ %.0f | %s | %s | %s |%n",
                        r.name(),
                        r.concurrency(),
                        r.appCpuPerOp(),
                        target.appMicrosAtMost(),
                        r.appCpuPerOp() <= target.appMicrosAtMost() ? "yes" : "**no**",
                        floor.map(bare -> String.format(
                                        Locale.ROOT,
                                        "%.0f | %.1f",
                                        bare.appCpuPerOp(),
                                        r.appCpuPerOp() / bare.appCpuPerOp()))
                                .orElse(" | "),
                        raw.map(base -> postgresAgainstRaw(r, base)).orElse(" | | | |")));
            }
        }
        results.stream()
                .filter(r -> r.name().startsWith("A9"))
                .forEach(r -> out.append(String.format(
                        Locale.ROOT,
                        "%nA9 at %d req/s: p50 %.2f ms, p99 %.2f ms (target ≤ 3: %s), p99.9 %.2f ms (target ≤ 8: %s),"
                                + " %d failures (target 0: %s).%n",
                        r.concurrency(),
                        r.percentileMillis(50),
                        r.percentileMillis(99),
                        r.percentileMillis(99) <= 3 ? "met" : "**missed**",
                        r.percentileMillis(99.9),
                        r.percentileMillis(99.9) <= 8 ? "met" : "**missed**",
                        r.failures(),
                        r.failures() == 0 ? "met" : "**missed**")));
        long peakKb = results.stream()
                .filter(r -> r.name().startsWith("A"))
                .mapToLong(r -> r.usage().appPeakRssKb())
                .max()
                .orElse(0);
        out.append(String.format(
                Locale.ROOT,
                "%nEnverify's resident memory: %d MB idle after start (target ≤ 200: %s), %d MB peak under load"
                        + " (target ≤ 300: %s), %d MB after the load. First successful request %d ms after launch"
                        + " on a fresh database, which it migrated first; %d ms after a restart on the migrated"
                        + " database (target ≤ 3000, the image's start: %s).%n",
                idleRssKb / 1024,
                idleRssKb / 1024 <= 200 ? "met" : "**missed**",
                peakKb / 1024,
                peakKb / 1024 <= 300 ? "met" : "**missed**",
                afterRssKb / 1024,
                startupMillis,
                restartMillis,
                restartMillis > 0 && restartMillis <= 3000 ? "met" : "**missed**"));
        out.append(CliTimings.markdown(cliTimings));
        sections.forEach(section -> out.append(section.markdown(results)));
        out.append("\nCorrectness checks:\n\n");
        checks.forEach((name, outcome) ->
                out.append("- ").append(name).append(": ").append(outcome).append('\n'));
        return out.toString();
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f", share * 100);
    }

    private String json() {
        StringBuilder out = new StringBuilder("{\n");
        out.append("  \"started\": \"").append(Bench.timestamp(started)).append("\",\n");
        out.append("  \"quick\": ").append(quick).append(",\n");
        out.append("  \"warmupSeconds\": ").append(warmup.toSeconds()).append(",\n");
        out.append("  \"measureSeconds\": ").append(measure.toSeconds()).append(",\n");
        out.append("  \"commit\": \"").append(commit).append("\",\n");
        out.append("  \"machine\": \"").append(machine()).append("\",\n");
        out.append("  \"idleRssKb\": ").append(idleRssKb).append(",\n");
        out.append("  \"afterLoadRssKb\": ").append(afterRssKb).append(",\n");
        out.append("  \"startupMillis\": ").append(startupMillis).append(",\n");
        out.append("  \"restartMillis\": ").append(restartMillis).append(",\n");
        out.append("  \"processors\": ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(",\n");
        out.append("  \"results\": [\n");
        for (int i = 0; i < results.size(); i++) {
            out.append("    ")
                    .append(json(results.get(i)))
                    .append(i < results.size() - 1 ? "," : "")
                    .append('\n');
        }
        out.append("  ],\n  \"cli\": ").append(CliTimings.json(cliTimings)).append(",\n");
        sections.forEach(
                section -> out.append("  ").append(section.json(results)).append(",\n"));
        out.append("  \"checks\": {\n");
        int n = 0;
        for (Map.Entry<String, String> e : checks.entrySet()) {
            out.append("    \"")
                    .append(e.getKey())
                    .append("\": \"")
                    .append(e.getValue())
                    .append('"')
                    .append(++n < checks.size() ? "," : "")
                    .append('\n');
        }
        out.append("  }\n}\n");
        return out.toString();
    }

    /** One result as a JSON object. */
    static String json(Result r) {
        return String.format(
                Locale.ROOT,
                "{\"name\": \"%s\", \"concurrency\": %d, \"successes\": %d, \"failures\": %d, \"seconds\": %.3f,"
                        + " \"exhausted\": %b, \"opsPerSecond\": %.1f, \"p50Ms\": %.3f, \"p90Ms\": %.3f,"
                        + " \"p99Ms\": %.3f, \"p999Ms\": %.3f, \"maxMs\": %.3f, \"appCpuMicrosPerOp\": %.1f,"
                        + " \"appJitShare\": %.3f, \"appGcShare\": %.3f,"
                        + " \"postgresCpuMicrosPerOp\": %.1f, \"generatorCpuMicrosPerOp\": %.1f,"
                        + " \"appPeakRssKb\": %d, \"postgresPeakRssKb\": %d}",
                r.name(),
                r.concurrency(),
                r.successes(),
                r.failures(),
                r.seconds(),
                r.exhausted(),
                r.throughput(),
                r.percentileMillis(50),
                r.percentileMillis(90),
                r.percentileMillis(99),
                r.percentileMillis(99.9),
                r.latencyMicros().getMaxValue() / 1000.0,
                r.appCpuPerOp(),
                r.usage().appJitShare(),
                r.usage().appGcShare(),
                r.postgresCpuPerOp(),
                r.generatorCpuPerOp(),
                r.usage().appPeakRssKb(),
                r.usage().postgresPeakRssKb());
    }
}
