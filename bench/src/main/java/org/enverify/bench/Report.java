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

/** Every Enverify figure as a ratio to its baseline at the same concurrency, in Markdown and JSON. */
final class Report {

    /** Which baselines each Enverify operation is compared with. */
    private static final Map<String, List<String>> BASELINES = Map.of(
            "A1", List.of("B1", "B9"),
            "A3", List.of("B3", "B9"),
            "A4", List.of("B4", "B9"));

    private final List<Result> results;
    private final Map<String, String> checks;
    private final boolean quick;
    private final Instant started;
    private final Duration measure;
    private final Duration warmup;

    Report(
            List<Result> results,
            Map<String, String> checks,
            boolean quick,
            Instant started,
            Duration measure,
            Duration warmup) {
        this.results = results;
        this.checks = checks;
        this.quick = quick;
        this.started = started;
        this.measure = measure;
        this.warmup = warmup;
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

    private Optional<Result> find(String prefix, int concurrency) {
        return results.stream()
                .filter(r -> r.name().startsWith(prefix) && r.concurrency() == concurrency)
                .findFirst();
    }

    private String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("Run ")
                .append(Bench.timestamp(started))
                .append(quick ? ", --quick" : "")
                .append(": ")
                .append(warmup.toSeconds())
                .append(" s warm-up and ")
                .append(measure.toSeconds())
                .append(" s measured per row, closed loop; ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" processors.\n\n");
        out.append("| Phase | Conc. | ops/s | p50 ms | p99 ms | failures | note |\n");
        out.append("|---|---:|---:|---:|---:|---:|---|\n");
        for (Result r : results) {
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %.0f | %.2f | %.2f | %d | %s |%n",
                    r.name(),
                    r.concurrency(),
                    r.throughput(),
                    r.percentileMillis(50),
                    r.percentileMillis(99),
                    r.failures(),
                    r.exhausted() ? String.format(Locale.ROOT, "input ran out after %.1f s", r.seconds()) : ""));
        }
        out.append("\n| Enverify | Conc. | vs baseline | throughput ratio | p50 ratio |\n");
        out.append("|---|---:|---|---:|---:|\n");
        for (Result r : results) {
            List<String> baselines = BASELINES.get(r.name().substring(0, 2));
            if (baselines == null) {
                continue;
            }
            for (String b : baselines) {
                find(b, r.concurrency())
                        .filter(base -> base.successes() > 0 && r.successes() > 0)
                        .ifPresent(base -> out.append(String.format(
                                Locale.ROOT,
                                "| %s | %d | %s | %.2f | %.2f |%n",
                                r.name(),
                                r.concurrency(),
                                base.name(),
                                r.throughput() / base.throughput(),
                                r.percentileMillis(50) / base.percentileMillis(50))));
            }
        }
        out.append("\nCorrectness checks:\n\n");
        checks.forEach((name, outcome) ->
                out.append("- ").append(name).append(": ").append(outcome).append('\n'));
        return out.toString();
    }

    private String json() {
        StringBuilder out = new StringBuilder("{\n");
        out.append("  \"started\": \"").append(Bench.timestamp(started)).append("\",\n");
        out.append("  \"quick\": ").append(quick).append(",\n");
        out.append("  \"warmupSeconds\": ").append(warmup.toSeconds()).append(",\n");
        out.append("  \"measureSeconds\": ").append(measure.toSeconds()).append(",\n");
        out.append("  \"processors\": ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(",\n");
        out.append("  \"results\": [\n");
        for (int i = 0; i < results.size(); i++) {
            Result r = results.get(i);
            out.append(String.format(
                    Locale.ROOT,
                    "    {\"name\": \"%s\", \"concurrency\": %d, \"successes\": %d, \"failures\": %d, \"seconds\": %.3f,"
                            + " \"exhausted\": %b, \"opsPerSecond\": %.1f, \"p50Ms\": %.3f, \"p90Ms\": %.3f,"
                            + " \"p99Ms\": %.3f, \"maxMs\": %.3f}%s%n",
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
                    r.latencyMicros().getMaxValue() / 1000.0,
                    i < results.size() - 1 ? "," : ""));
        }
        out.append("  ],\n  \"checks\": {\n");
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
}
