package org.enverify.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.enverify.bench.LoadGenerator.Operation;
import org.enverify.bench.LoadGenerator.OperationFactory;
import org.enverify.bench.LoadGenerator.Outcome;
import org.enverify.bench.LoadGenerator.Result;

/**
 * A10: the highest rate of A9's open-loop mix that Enverify answers with a p99 of at most {@value #P99_MILLIS} ms
 * and no failure, as a ratio to B9 (a bare HTTP server doing no work). The rate doubles from A9's until a step
 * misses, then is bisected between the highest rate met and the lowest missed. Every step runs for a bounded
 * time; one that falls far behind stops sending (each request beyond {@link #inFlightLimit} fails at once), so an
 * overloaded step ends in seconds instead of piling up requests that would time out.
 */
final class RateSearch implements Report.Section {

    static final double P99_MILLIS = 25;

    /** A9's rate, which the targets already expect Enverify to meet. */
    private static final int START_RATE = 100;

    /** The search stops once the highest rate met and the lowest missed are this close (a share of the former). */
    private static final double RESOLUTION = 0.1;

    /** Far above what the bare server reaches on the bench machine. */
    private static final int MAX_RATE = 50_000;

    /** What runs before each step: the chaff imitation is settled, as before A9. */
    interface Preparation {
        void run() throws Exception;
    }

    /** One rate tried: met when no request failed and the p99 stayed within {@link #P99_MILLIS}. */
    record Step(Result result, boolean gaveUp) {

        int rate() {
            return result.concurrency();
        }

        boolean met() {
            return !gaveUp && result.failures() == 0 && result.percentileMillis(99) <= P99_MILLIS;
        }
    }

    private final String name;
    private final List<Step> steps;

    private RateSearch(String name, List<Step> steps) {
        this.name = name;
        this.steps = steps;
    }

    static RateSearch run(String name, boolean quick, OperationFactory mix, Preparation beforeStep) throws Exception {
        Duration stepDuration = quick ? Duration.ofSeconds(3) : Duration.ofSeconds(10);
        int maxSteps = quick ? 8 : 12;
        System.out.println(name + ": the highest rate with p99 ≤ " + P99_MILLIS + " ms and no failure");
        List<Step> steps = new ArrayList<>();
        int met = 0;
        int missed = 0;
        int rate = START_RATE;
        while (steps.size() < maxSteps) {
            beforeStep.run();
            Step step = step(name, rate, stepDuration, mix);
            steps.add(step);
            if (step.met()) {
                met = rate;
            } else {
                missed = rate;
            }
            if (missed > 0 && missed - met <= Math.max(1, RESOLUTION * met)) {
                break;
            }
            rate = missed == 0 ? rate * 2 : (met + missed) / 2;
            if (rate > MAX_RATE) {
                break;
            }
        }
        return new RateSearch(name, steps);
    }

    private static Step step(String name, int rate, Duration duration, OperationFactory mix) throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        int limit = inFlightLimit(rate);
        Result result = LoadGenerator.openLoop(name + " at " + rate + " req/s", rate, duration, i -> {
            Operation operation = mix.create(i);
            return () -> {
                try {
                    if (inFlight.incrementAndGet() > limit) {
                        refused.incrementAndGet();
                        return Outcome.FAILURE;
                    }
                    return operation.run();
                } finally {
                    inFlight.decrementAndGet();
                }
            };
        });
        if (refused.get() > 0) {
            System.out.printf(
                    Locale.ROOT,
                    "  (fell behind: %d requests not sent, more than %d were in flight)%n",
                    refused.get(),
                    limit);
        }
        return new Step(result, refused.get() > 0);
    }

    /**
     * Half a second of requests, twenty times what a step that meets the target holds in flight on average (its
     * p99 is 25 ms): a step past this will not meet it.
     */
    private static int inFlightLimit(int rate) {
        return Math.max(50, rate / 2);
    }

    /** The highest rate met, if any. */
    Optional<Step> best() {
        return steps.stream().filter(Step::met).reduce((a, b) -> a.rate() >= b.rate() ? a : b);
    }

    /** B9 at its best concurrency: what the machine's HTTP stack and generator reach with no work at all. */
    private static Optional<Result> bareServer(List<Result> results) {
        return results.stream()
                .filter(r -> r.name().startsWith("B9"))
                .reduce((a, b) -> a.throughput() >= b.throughput() ? a : b);
    }

    @Override
    public String markdown(List<Result> results) {
        StringBuilder out = new StringBuilder(String.format(
                Locale.ROOT,
                "%nA10, the highest open-loop rate of A9's mix with p99 ≤ %.0f ms and no failure (doubling from %d"
                        + " req/s, then bisecting to within %.0f%%):%n%n",
                P99_MILLIS,
                START_RATE,
                RESOLUTION * 100));
        out.append("| Step | req/s | p50 ms | p99 ms | p99.9 ms | failures | CPU µs/req app | pg | met |\n");
        out.append("|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            Result r = step.result();
            out.append(String.format(
                    Locale.ROOT,
                    "| %d | %d | %.2f | %.2f | %.2f | %d | %.0f | %.0f | %s |%n",
                    i + 1,
                    step.rate(),
                    r.percentileMillis(50),
                    r.percentileMillis(99),
                    r.percentileMillis(99.9),
                    r.failures(),
                    r.appCpuPerOp(),
                    r.postgresCpuPerOp(),
                    step.met() ? "yes" : step.gaveUp() ? "**no** (fell behind)" : "**no**"));
        }
        Optional<Result> bare = bareServer(results);
        out.append("\n| Enverify | vs | req/s | ratio | criterion | met |\n|---|---|---:|---:|---|---|\n");
        out.append(String.format(
                Locale.ROOT,
                "| %s | %s | %s | %s | p99 ≤ %.0f ms, no failure (issue 19 sets no bound on the ratio) | %s |%n",
                name,
                bare.map(b -> String.format(
                                Locale.ROOT, "%s, %d conn. (%.0f/s)", b.name(), b.concurrency(), b.throughput()))
                        .orElse("B9 (not measured)"),
                best().map(s -> Integer.toString(s.rate())).orElse("none"),
                ratio(bare)
                        .map(ratio -> String.format(Locale.ROOT, "%.3f", ratio))
                        .orElse(""),
                P99_MILLIS,
                best().isPresent() ? "yes, at " + best().get().rate() + " req/s" : "**no** rate met it"));
        return out.toString();
    }

    private Optional<Double> ratio(Optional<Result> bare) {
        return best().flatMap(step -> bare.map(b -> step.rate() / b.throughput()));
    }

    @Override
    public String json(List<Result> results) {
        Optional<Result> bare = bareServer(results);
        StringBuilder out = new StringBuilder(String.format(
                Locale.ROOT,
                "\"a10\": {\"p99LimitMs\": %.1f, \"highestRate\": %d, \"bareServerOpsPerSecond\": %.1f,"
                        + " \"ratioToB9\": %s, \"steps\": [",
                P99_MILLIS,
                best().map(Step::rate).orElse(0),
                bare.map(Result::throughput).orElse(0.0),
                ratio(bare)
                        .map(ratio -> String.format(Locale.ROOT, "%.4f", ratio))
                        .orElse("null")));
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            out.append(String.format(
                    Locale.ROOT,
                    "%n    {\"met\": %b, \"fellBehind\": %b, \"result\": %s}%s",
                    step.met(),
                    step.gaveUp(),
                    Report.json(step.result()),
                    i < steps.size() - 1 ? "," : ""));
        }
        return out.append("\n  ]}").toString();
    }
}
