package org.enverify.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * CPU time and resident memory of the three parties of a run, from /proc: Enverify's JVM,
 * PostgreSQL (the postmaster and all its backends) and this generator. Sampled each second while a
 * phase is measured; where /proc is missing every figure is zero.
 */
final class Resources {

    /**
     * The three parties' figures over one measured phase. Of Enverify's CPU time, {@code appJitMicros}
     * went to its JIT compiler threads and {@code appGcMicros} to garbage collection (the GC threads and
     * the VM thread, where the serial collector runs).
     */
    record Usage(
            long appCpuMicros,
            long postgresCpuMicros,
            long generatorCpuMicros,
            long appJitMicros,
            long appGcMicros,
            long appPeakRssKb,
            long postgresPeakRssKb) {

        static final Usage NONE = new Usage(0, 0, 0, 0, 0, 0, 0);

        double appJitShare() {
            return appCpuMicros == 0 ? 0 : (double) appJitMicros / appCpuMicros;
        }

        double appGcShare() {
            return appCpuMicros == 0 ? 0 : (double) appGcMicros / appCpuMicros;
        }
    }

    private enum ThreadGroup {
        JIT,
        GC,
        OTHER;

        /** By the thread name the JVM gives /proc, cut to 15 characters there. */
        static ThreadGroup of(String name) {
            if (name.contains("CompilerThre")) {
                return JIT;
            }
            if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread")) {
                return GC;
            }
            return OTHER;
        }
    }

    private static volatile LongSupplier appPid = () -> -1;
    private static volatile LongSupplier postmasterPid = () -> -1;

    private Resources() {}

    static void watch(LongSupplier app, LongSupplier postmaster) {
        appPid = app;
        postmasterPid = postmaster;
    }

    /** A running measurement; {@link #stop()} ends it and returns the usage since it started. */
    static final class Sampling {
        private final long[] start;
        private final Map<Long, ThreadTime> startThreads;
        private volatile long appPeak;
        private volatile long postgresPeak;
        private final Thread sampler;
        private volatile boolean running = true;

        private Sampling() {
            start = cpu();
            startThreads = appThreads();
            sampleMemory();
            sampler = Thread.ofPlatform().daemon().name("bench-resources").start(() -> {
                while (running) {
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                    sampleMemory();
                }
            });
        }

        private void sampleMemory() {
            long[] rss = rss();
            appPeak = Math.max(appPeak, rss[0]);
            postgresPeak = Math.max(postgresPeak, rss[1]);
        }

        Usage stop() {
            running = false;
            sampler.interrupt();
            sampleMemory();
            long[] end = cpu();
            Map<ThreadGroup, Long> byGroup = new EnumMap<>(ThreadGroup.class);
            appThreads().forEach((tid, time) -> {
                ThreadTime before = startThreads.get(tid);
                long spent = time.micros() - (before == null ? 0 : before.micros());
                byGroup.merge(time.group(), Math.max(0, spent), Long::sum);
            });
            return new Usage(
                    end[0] - start[0],
                    end[1] - start[1],
                    end[2] - start[2],
                    byGroup.getOrDefault(ThreadGroup.JIT, 0L),
                    byGroup.getOrDefault(ThreadGroup.GC, 0L),
                    appPeak,
                    postgresPeak);
        }
    }

    static Sampling start() {
        return new Sampling();
    }

    /**
     * Waits until Enverify and PostgreSQL use less than a twentieth of a core over a second, so that what is
     * measured next does not share the machine with the tail of an overloaded phase (work still queued when
     * the clients gave up); at most {@code limit}.
     *
     * @return how long it waited
     */
    static Duration awaitQuiet(Duration limit) throws InterruptedException {
        long started = System.nanoTime();
        while (System.nanoTime() - started < limit.toNanos()) {
            long[] before = cpu();
            Thread.sleep(1_000);
            long[] after = cpu();
            if ((after[0] - before[0]) + (after[1] - before[1]) < 50_000) {
                break;
            }
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Current resident set of Enverify's JVM, in kB. */
    static long appRssKb() {
        return rss()[0];
    }

    private static long[] cpu() {
        return new long[] {
            cpuMicros(appPid.getAsLong()),
            postgresCpuMicros(),
            cpuMicros(ProcessHandle.current().pid())
        };
    }

    private record ThreadTime(ThreadGroup group, long micros) {}

    /** Each of Enverify's threads, by thread id; a thread that ends within a phase takes its time with it. */
    private static Map<Long, ThreadTime> appThreads() {
        Map<Long, ThreadTime> threads = new HashMap<>();
        long pid = appPid.getAsLong();
        if (pid <= 0) {
            return threads;
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks) {
                String text;
                try {
                    text = Files.readString(task.resolve("stat"));
                } catch (IOException e) {
                    continue; // the thread ended since the listing
                }
                String name = text.substring(text.indexOf('(') + 1, text.lastIndexOf(')'));
                long micros =
                        ownCpuMicros(text.substring(text.lastIndexOf(')') + 2).split(" "));
                threads.put(
                        Long.parseLong(task.getFileName().toString()), new ThreadTime(ThreadGroup.of(name), micros));
            }
        } catch (IOException | RuntimeException e) {
            // no /proc here, or the process is gone
        }
        return threads;
    }

    /** PostgreSQL's memory is mostly shared buffers, counted once: the postmaster's RSS plus each backend's private part. */
    private static long[] rss() {
        long postgres = 0;
        for (long pid : postgresPids()) {
            postgres += pid == postmasterPid.getAsLong() ? status(pid, "VmRSS:") : status(pid, "RssAnon:");
        }
        return new long[] {status(appPid.getAsLong(), "VmRSS:"), postgres};
    }

    private static List<Long> postgresPids() {
        List<Long> pids = new ArrayList<>();
        long postmaster = postmasterPid.getAsLong();
        if (postmaster <= 0) {
            return pids;
        }
        pids.add(postmaster);
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                String[] fields = statFields(proc.resolve("stat"));
                if (fields != null && Long.parseLong(fields[1]) == postmaster) {
                    pids.add(Long.parseLong(proc.getFileName().toString()));
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc here
        }
        return pids;
    }

    /** The fields after the command name: state, ppid, ..., utime (index 11), stime (12). */
    private static String[] statFields(Path stat) {
        try {
            String text = Files.readString(stat);
            return text.substring(text.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The live backends' time plus, through the postmaster's children's time, that of the backends
     * that have exited, so the figure never goes back when a connection closes.
     */
    private static long postgresCpuMicros() {
        long postmaster = postmasterPid.getAsLong();
        long total = 0;
        for (long pid : postgresPids()) {
            total += cpuMicros(pid);
        }
        String[] fields = postmaster <= 0 ? null : statFields(Path.of("/proc/" + postmaster + "/stat"));
        if (fields != null) {
            total += (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) * 10_000;
        }
        return total;
    }

    private static long cpuMicros(long pid) {
        if (pid <= 0) {
            return 0;
        }
        String[] fields = statFields(Path.of("/proc/" + pid + "/stat"));
        return fields == null ? 0 : ownCpuMicros(fields);
    }

    /** User plus system time of a process or thread; /proc counts in clock ticks, 100 a second on Linux. */
    private static long ownCpuMicros(String[] statFields) {
        return (Long.parseLong(statFields[11]) + Long.parseLong(statFields[12])) * 10_000;
    }

    private static long status(long pid, String key) {
        if (pid <= 0) {
            return 0;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process is gone
        }
        return 0;
    }
}
