package org.enverify.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.enverify.bench.LoadGenerator.Operation;
import org.enverify.bench.LoadGenerator.OperationFactory;
import org.enverify.bench.LoadGenerator.Result;

/**
 * Cost as the work grows: after the empty-database phases, the database is pre-filled with two years of history
 * ({@link Prefill}), then issue, verify and certificate (G1, G3, G4, as A1, A3, A4) and the 90-day statistics
 * query (G5, as B5) are measured again, each as a ratio to its empty-database figure of the same run; then the
 * server's own cleanup task removes the one day of rows due, through {@code POST /internal/jobs/cleanup}, while
 * A9's mix runs (G9), against the same mix on the pre-filled database without it.
 */
final class Growth implements Report.Section {

    static final String SCALE_VARIABLE = "BENCH_GROWTH_SCALE";

    static final double THROUGHPUT_AT_LEAST = 0.85;
    static final double STATISTICS_TIME_AT_MOST = 1.2;
    static final Duration CLEANUP_AT_MOST = Duration.ofSeconds(60);
    static final double CLEANUP_P99_AT_MOST = 2;

    /** The bearer token of {@code /internal/jobs}, which the bench gives Enverify and runs the cleanup with. */
    private static final String INTERNAL_TOKEN =
            Base64.getUrlEncoder().withoutPadding().encodeToString(Baselines.random(32));

    private static final Pattern SUMMARY = Pattern.compile("\"result\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** A growth row and the empty-database row it is compared with, by their names' first two characters. */
    private record Comparison(String growth, String empty, boolean time) {}

    private static final List<Comparison> COMPARISONS = List.of(
            new Comparison("G1", "A1", false),
            new Comparison("G3", "A3", false),
            new Comparison("G4", "A4", false),
            new Comparison("G5", "B5", true));

    /** One run of the cleanup task, with when it started and ended on the generator's clock. */
    private record Cleanup(long startNanos, long endNanos, int status, String summary) {

        Duration duration() {
            return Duration.ofNanos(endNanos - startNanos);
        }
    }

    /** Each request of an open loop: when it started and how long it took, in microseconds. */
    private static final class Timeline {

        private final ConcurrentLinkedQueue<long[]> requests = new ConcurrentLinkedQueue<>();

        OperationFactory around(OperationFactory mix) {
            return i -> {
                Operation operation = mix.create(i);
                return () -> {
                    long start = System.nanoTime();
                    try {
                        return operation.run();
                    } finally {
                        requests.add(new long[] {start, (System.nanoTime() - start) / 1000});
                    }
                };
            };
        }

        /** The latencies of the requests that started between the two instants. */
        Histogram between(long fromNanos, long toNanos) {
            Histogram histogram = new Histogram(60_000_000L, 3);
            for (long[] request : requests) {
                if (request[0] >= fromNanos && request[0] <= toNanos) {
                    histogram.recordValue(Math.min(request[1], 60_000_000L));
                }
            }
            return histogram;
        }
    }

    private final String skipped;
    private final Prefill.Outcome prefill;
    private final List<Result> rows;
    private final Cleanup cleanup;
    private final Histogram calm;
    private final Histogram duringCleanup;
    private final boolean cleanupOutlastedMix;

    private Growth(
            String skipped,
            Prefill.Outcome prefill,
            List<Result> rows,
            Cleanup cleanup,
            Histogram calm,
            Histogram duringCleanup,
            boolean cleanupOutlastedMix) {
        this.skipped = skipped;
        this.prefill = prefill;
        this.rows = rows;
        this.cleanup = cleanup;
        this.calm = calm;
        this.duringCleanup = duringCleanup;
        this.cleanupOutlastedMix = cleanupOutlastedMix;
    }

    /** What Enverify's environment needs for this group: the retention of the pre-filled rows, the internal token. */
    static Map<String, String> serverEnvironment() {
        Map<String, String> env = new HashMap<>(Prefill.serverEnvironment());
        env.put("ENVERIFY_INTERNAL_TOKEN", INTERNAL_TOKEN);
        return env;
    }

    /**
     * {@value #SCALE_VARIABLE}: the share of the sizes to pre-fill, 1 by default in a full run; a quick run
     * leaves the group out unless it is set; 0 leaves it out.
     */
    static double scale(boolean quick) {
        String value = System.getenv(SCALE_VARIABLE);
        if (value == null || value.isBlank()) {
            return quick ? 0 : 1;
        }
        double scale = Double.parseDouble(value.trim());
        if (!(scale >= 0 && scale <= 10)) {
            throw new IllegalArgumentException(SCALE_VARIABLE + " must be from 0 to 10: " + value);
        }
        return scale;
    }

    static void run(
            Infrastructure infra, EnverifyPhases phases, long realm, long baselineRealm, HttpClient client, Bench bench)
            throws Exception {
        double scale = scale(bench.quick());
        if (scale == 0) {
            String reason = bench.quick()
                    ? "left out of a quick run; " + SCALE_VARIABLE + "=0.01 runs it at a hundredth of the issue's sizes"
                    : SCALE_VARIABLE + "=0";
            System.out.println("Cost as the work grows: " + reason);
            bench.addSection(new Growth(reason, null, List.of(), null, null, null, false));
            return;
        }
        System.out.println("Cost as the work grows: pre-filling the database at scale " + scale);
        Prefill.Outcome prefill = new Prefill(infra.jdbcUrl(), scale, realm, baselineRealm, bench.started()).run();
        System.out.printf(
                Locale.ROOT,
                "  (pre-filled in %.0f s: inserts %.0f s, VACUUM ANALYZE %.0f s, checkpoint %.0f s; database %,d → %,d MB)%n",
                seconds(prefill.total()),
                seconds(prefill.inserts()),
                seconds(prefill.vacuum()),
                seconds(prefill.checkpoint()),
                prefill.bytesBefore() >> 20,
                prefill.bytesAfter() >> 20);

        // the codes left from A10 were issued minutes ago: some have expired
        phases.freshCodes();
        List<Result> rows = new ArrayList<>(phases.issuing("G1 /api/issue, pre-filled"));
        rows.addAll(phases.verifyingAndCertifying("G3 /api/verify, pre-filled", "G4 /api/certificate, pre-filled"));
        Baselines baselines = new Baselines(infra.jdbcUrl(), baselineRealm);
        for (int c : bench.concurrencies()) {
            rows.add(LoadGenerator.run(
                    "G5 jdbc 90-day stats query, pre-filled",
                    c,
                    bench.warmup(),
                    bench.measure(),
                    baselines::statisticsQuery));
        }

        phases.freshCodes();
        Timeline calm = new Timeline();
        rows.add(phases.openLoopMix(
                "G9 open-loop mix at 100 req/s, pre-filled",
                bench.quick() ? Duration.ofSeconds(10) : Duration.ofSeconds(60),
                calm::around));
        phases.freshCodes();
        Timeline busy = new Timeline();
        Cleanup cleanup;
        long mixEnded;
        try (ExecutorService side = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Cleanup> running = side.submit(() -> {
                // the open loop's first second is its own; the cleanup starts into a steady mix
                Thread.sleep(1000);
                return cleanup(client, infra.baseUrl());
            });
            rows.add(phases.openLoopMix(
                    "G9 open-loop mix at 100 req/s, pre-filled, cleanup",
                    bench.quick() ? Duration.ofSeconds(20) : Duration.ofSeconds(90),
                    busy::around));
            mixEnded = System.nanoTime();
            cleanup = running.get(15, TimeUnit.MINUTES);
        }
        System.out.printf(
                Locale.ROOT,
                "  cleanup: HTTP %d in %.1f s: %s%n",
                cleanup.status(),
                seconds(cleanup.duration()),
                cleanup.summary());
        bench.addSection(new Growth(
                null,
                prefill,
                rows,
                cleanup,
                calm.between(Long.MIN_VALUE, Long.MAX_VALUE),
                busy.between(cleanup.startNanos(), cleanup.endNanos()),
                cleanup.endNanos() > mixEnded));
    }

    private static Cleanup cleanup(HttpClient client, String baseUrl) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/internal/jobs/cleanup"))
                .header("Authorization", "Bearer " + INTERNAL_TOKEN)
                .timeout(Duration.ofMinutes(15))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        long start = System.nanoTime();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        long end = System.nanoTime();
        Matcher summary = SUMMARY.matcher(response.body());
        return new Cleanup(start, end, response.statusCode(), summary.find() ? summary.group(1) : response.body());
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    /** The growth row's ratio to its empty-database row: throughput, or for the statistics query, time. */
    private static Optional<Double> ratio(Comparison comparison, Result growth, Result empty) {
        if (growth.successes() == 0 || empty.successes() == 0) {
            return Optional.empty();
        }
        return Optional.of(
                comparison.time()
                        ? empty.throughput() / growth.throughput()
                        : growth.throughput() / empty.throughput());
    }

    private static boolean met(Comparison comparison, double ratio) {
        return comparison.time() ? ratio <= STATISTICS_TIME_AT_MOST : ratio >= THROUGHPUT_AT_LEAST;
    }

    private static String target(Comparison comparison) {
        return comparison.time() ? "time ≤ " + STATISTICS_TIME_AT_MOST : "≥ " + THROUGHPUT_AT_LEAST;
    }

    private Optional<Comparison> comparison(Result row) {
        return COMPARISONS.stream()
                .filter(c -> row.name().startsWith(c.growth()))
                .findFirst();
    }

    private double p99Ratio() {
        return duringCleanup.getValueAtPercentile(99) / (double) Math.max(1, calm.getValueAtPercentile(99));
    }

    @Override
    public String markdown(List<Result> results) {
        if (skipped != null) {
            return "\nCost as the work grows: not measured (" + skipped + ").\n";
        }
        StringBuilder out = new StringBuilder(String.format(
                Locale.ROOT,
                "%nCost as the work grows, at scale %s of the issue's sizes: the database pre-filled with set-based SQL"
                        + " in %.0f s (inserts %.0f s, VACUUM ANALYZE %.0f s, checkpoint %.0f s; %,d MB → %,d MB):",
                prefill.scale(),
                seconds(prefill.total()),
                seconds(prefill.inserts()),
                seconds(prefill.vacuum()),
                seconds(prefill.checkpoint()),
                prefill.bytesBefore() >> 20,
                prefill.bytesAfter() >> 20));
        prefill.rows().forEach((table, count) -> out.append(String.format(Locale.ROOT, " %s %,d;", table, count)));
        out.setLength(out.length() - 1);
        out.append(".\n\n| Phase | Conc. | ops/s | p50 ms | p99 ms | failures | CPU µs/op app | pg |"
                + " empty database | ratio | target | met |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---|---|\n");
        for (Result row : rows) {
            String compared = "";
            String ratio = "";
            String target = "";
            String met = "";
            Optional<Comparison> comparison = comparison(row);
            Optional<Result> empty = comparison.flatMap(c -> Report.find(results, c.empty(), row.concurrency()));
            if (comparison.isPresent() && empty.isPresent()) {
                compared = String.format(
                        Locale.ROOT,
                        "%s: %.0f/s",
                        empty.get().name(),
                        empty.get().throughput());
                target = target(comparison.get());
                Optional<Double> value = ratio(comparison.get(), row, empty.get());
                ratio = value.map(v -> String.format(Locale.ROOT, "%.2f", v)).orElse("");
                met = value.map(v -> met(comparison.get(), v) ? "yes" : "**no**")
                        .orElse(row.exhausted() ? "not measured: its input ran out in the warm-up" : "**no**");
            }
            if (row.exhausted() && row.successes() > 0) {
                met += String.format(Locale.ROOT, " (input ran out after %.1f s)", row.seconds());
            }
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %.0f | %.2f | %.2f | %d | %.0f | %.0f | %s | %s | %s | %s |%n",
                    row.name(),
                    row.name().startsWith("G9") ? row.concurrency() + "/s" : Integer.toString(row.concurrency()),
                    row.throughput(),
                    row.percentileMillis(50),
                    row.percentileMillis(99),
                    row.failures(),
                    row.appCpuPerOp(),
                    row.postgresCpuPerOp(),
                    compared,
                    ratio,
                    target,
                    met));
        }
        out.append(String.format(
                Locale.ROOT,
                "%nCleanup of one day's expired rows (`POST /internal/jobs/cleanup`, 1 s into the second G9): HTTP %d"
                        + " after %.1f s (target ≤ %d s: %s): %s.%n",
                cleanup.status(),
                seconds(cleanup.duration()),
                CLEANUP_AT_MOST.toSeconds(),
                cleanup.status() == 200 && cleanup.duration().compareTo(CLEANUP_AT_MOST) <= 0 ? "met" : "**missed**",
                cleanup.summary()));
        out.append(String.format(
                Locale.ROOT,
                "The mix while it ran: p99 %.2f ms over the %,d requests started during the cleanup, against %.2f ms"
                        + " over the %,d of the G9 run without it: %.2f × (target ≤ %.0f: %s). Latency here runs from"
                        + " each request's start, not from when it was due.%s%n",
                duringCleanup.getValueAtPercentile(99) / 1000.0,
                duringCleanup.getTotalCount(),
                calm.getValueAtPercentile(99) / 1000.0,
                calm.getTotalCount(),
                p99Ratio(),
                CLEANUP_P99_AT_MOST,
                p99Ratio() <= CLEANUP_P99_AT_MOST ? "met" : "**missed**",
                cleanupOutlastedMix
                        ? " The cleanup outlasted the mix: its last part ran with no request to measure."
                        : ""));
        return out.toString();
    }

    @Override
    public String json(List<Result> results) {
        if (skipped != null) {
            return "\"growth\": {\"skipped\": \"" + escape(skipped) + "\"}";
        }
        StringBuilder out = new StringBuilder(String.format(
                Locale.ROOT,
                "\"growth\": {\"scale\": %s, \"prefill\": {\"insertSeconds\": %.1f, \"vacuumSeconds\": %.1f,"
                        + " \"checkpointSeconds\": %.1f, \"bytesBefore\": %d, \"bytesAfter\": %d, \"rows\": {",
                prefill.scale(),
                seconds(prefill.inserts()),
                seconds(prefill.vacuum()),
                seconds(prefill.checkpoint()),
                prefill.bytesBefore(),
                prefill.bytesAfter()));
        List<String> counts = new ArrayList<>();
        prefill.rows().forEach((table, count) -> counts.add("\"" + table + "\": " + count));
        out.append(String.join(", ", counts)).append("}},\n    \"results\": [");
        for (int i = 0; i < rows.size(); i++) {
            Result row = rows.get(i);
            Optional<Comparison> comparison = comparison(row);
            Optional<Result> empty = comparison.flatMap(c -> Report.find(results, c.empty(), row.concurrency()));
            Optional<Double> ratio = comparison.flatMap(c -> empty.flatMap(e -> ratio(c, row, e)));
            out.append(String.format(
                    Locale.ROOT,
                    "%n      {\"comparedWith\": %s, \"ratio\": %s, \"met\": %s, \"result\": %s}%s",
                    empty.map(e -> "\"" + e.name() + "\"").orElse("null"),
                    ratio.map(v -> String.format(Locale.ROOT, "%.4f", v)).orElse("null"),
                    comparison
                            .flatMap(c -> ratio.map(v -> Boolean.toString(met(c, v))))
                            .orElse("null"),
                    Report.json(row),
                    i < rows.size() - 1 ? "," : ""));
        }
        out.append(String.format(
                Locale.ROOT,
                "%n    ],%n    \"cleanup\": {\"status\": %d, \"seconds\": %.3f, \"summary\": \"%s\","
                        + " \"requestsDuring\": %d, \"p99DuringMs\": %.3f, \"requestsWithout\": %d,"
                        + " \"p99WithoutMs\": %.3f, \"p99Ratio\": %.3f}}",
                cleanup.status(),
                seconds(cleanup.duration()),
                escape(cleanup.summary()),
                duringCleanup.getTotalCount(),
                duringCleanup.getValueAtPercentile(99) / 1000.0,
                calm.getTotalCount(),
                calm.getValueAtPercentile(99) / 1000.0,
                p99Ratio()));
        return out.toString();
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
