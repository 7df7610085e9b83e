package org.enverify.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * Closed loop: N workers on virtual threads, each doing one operation after the other until the
 * deadline. Every operation is timed into an HdrHistogram; successes and failures are counted.
 */
final class LoadGenerator {

    /** One operation of one worker; worker-local state lives in the instance the factory returns. */
    interface Operation extends AutoCloseable {
        /** @return the outcome; {@link Outcome#EXHAUSTED} ends the worker (no more input) */
        Outcome run() throws Exception;

        /** Releases what the worker held once its phase is over. */
        @Override
        default void close() throws Exception {}

        /** A worker that holds {@code resource}, its database connection, for the whole phase. */
        static Operation holding(AutoCloseable resource, Operation operation) {
            return new Operation() {
                @Override
                public Outcome run() throws Exception {
                    return operation.run();
                }

                @Override
                public void close() throws Exception {
                    resource.close();
                }
            };
        }
    }

    interface OperationFactory {
        Operation create(int worker) throws Exception;
    }

    enum Outcome {
        SUCCESS,
        FAILURE,
        EXHAUSTED
    }

    record Result(
            String name,
            int concurrency,
            long successes,
            long failures,
            double seconds,
            boolean exhausted,
            Histogram latencyMicros,
            Resources.Usage usage) {

        double throughput() {
            return successes / seconds;
        }

        /** CPU time a successful operation cost each party, in microseconds. */
        double appCpuPerOp() {
            return successes == 0 ? 0 : (double) usage.appCpuMicros() / successes;
        }

        double postgresCpuPerOp() {
            return successes == 0 ? 0 : (double) usage.postgresCpuMicros() / successes;
        }

        double generatorCpuPerOp() {
            return successes == 0 ? 0 : (double) usage.generatorCpuMicros() / successes;
        }

        double percentileMillis(double p) {
            return latencyMicros.getValueAtPercentile(p) / 1000.0;
        }
    }

    private LoadGenerator() {}

    static Result run(String name, int concurrency, Duration warmup, Duration measure, OperationFactory factory)
            throws Exception {
        List<Operation> operations = new ArrayList<>();
        Result result;
        Resources.Usage usage;
        try {
            for (int i = 0; i < concurrency; i++) {
                operations.add(factory.create(i));
            }
            if (!warmup.isZero()) {
                loop(operations, warmup);
            }
            Resources.Sampling sampling = Resources.start();
            result = loop(operations, measure);
            usage = sampling.stop();
        } finally {
            // every phase's connections go, or the phases after it run out of PostgreSQL's max_connections
            for (Operation operation : operations) {
                operation.close();
            }
        }
        return print(new Result(
                name,
                concurrency,
                result.successes,
                result.failures,
                result.seconds,
                result.exhausted,
                result.latencyMicros,
                usage));
    }

    private static Result print(Result result) {
        System.out.printf(
                "  %-34s c=%-4d %9.1f ops/s  p50 %7.2f ms  p99 %7.2f ms  failures %d  CPU µs/op app %.0f (JIT %.0f%%)"
                        + " pg %.0f gen %.0f%s%n",
                result.name,
                result.concurrency,
                result.throughput(),
                result.percentileMillis(50),
                result.percentileMillis(99),
                result.failures,
                result.appCpuPerOp(),
                result.usage.appJitShare() * 100,
                result.postgresCpuPerOp(),
                result.generatorCpuPerOp(),
                result.exhausted ? "  (input exhausted)" : "");
        return result;
    }

    /**
     * Open loop: operation {@code i} is due at {@code start + i / rate} whatever happened before, each
     * on a virtual thread of its own, and its latency runs from when it was due, so a stall of the
     * server shows in the percentiles instead of slowing the load down (no coordinated omission).
     * The concurrency reported is the rate.
     */
    static Result openLoop(String name, int perSecond, Duration duration, OperationFactory factory) throws Exception {
        Histogram histogram = new Histogram(60_000_000L, 3);
        LongAdder successes = new LongAdder();
        LongAdder failures = new LongAdder();
        long total = duration.toSeconds() * perSecond;
        long interval = 1_000_000_000L / perSecond;
        List<Thread> threads = new ArrayList<>();
        Resources.Sampling sampling = Resources.start();
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            Operation operation = factory.create((int) i);
            threads.add(Thread.ofVirtual().start(() -> {
                Outcome outcome;
                try {
                    outcome = operation.run();
                } catch (Exception e) {
                    outcome = Outcome.FAILURE;
                }
                synchronized (histogram) {
                    histogram.recordValue(Math.min((System.nanoTime() - due) / 1000, 60_000_000L));
                }
                (outcome == Outcome.SUCCESS ? successes : failures).increment();
            }));
        }
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(60));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return print(new Result(
                name, perSecond, successes.sum(), failures.sum(), seconds, false, histogram, sampling.stop()));
    }

    private static Result loop(List<Operation> operations, Duration duration) throws InterruptedException {
        LongAdder successes = new LongAdder();
        LongAdder failures = new LongAdder();
        AtomicBoolean exhausted = new AtomicBoolean();
        List<Histogram> histograms = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        long[] lastEnd = new long[operations.size()];
        for (int i = 0; i < operations.size(); i++) {
            Operation operation = operations.get(i);
            Histogram histogram = new Histogram(60_000_000L, 3);
            histograms.add(histogram);
            int worker = i;
            threads.add(Thread.ofVirtual().name("bench-worker-" + i).start(() -> {
                long now = System.nanoTime();
                while (now < deadline) {
                    Outcome outcome;
                    try {
                        outcome = operation.run();
                    } catch (Exception e) {
                        outcome = Outcome.FAILURE;
                    }
                    long end = System.nanoTime();
                    if (outcome == Outcome.EXHAUSTED) {
                        exhausted.set(true);
                        break;
                    }
                    histogram.recordValue(Math.min((end - now) / 1000, 60_000_000L));
                    (outcome == Outcome.SUCCESS ? successes : failures).increment();
                    now = end;
                }
                lastEnd[worker] = now;
            }));
        }
        for (Thread thread : threads) {
            thread.join(duration.plusSeconds(60).toMillis());
            if (thread.isAlive()) {
                throw new IllegalStateException("a worker did not stop 60 s after the deadline");
            }
        }
        long end = start;
        for (long last : lastEnd) {
            end = Math.max(end, last);
        }
        Histogram all = new Histogram(60_000_000L, 3);
        histograms.forEach(all::add);
        return new Result(
                "",
                operations.size(),
                successes.sum(),
                failures.sum(),
                (end - start) / 1e9,
                exhausted.get(),
                all,
                Resources.Usage.NONE);
    }
}
