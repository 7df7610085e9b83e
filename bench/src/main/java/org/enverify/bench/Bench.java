package org.enverify.bench;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.sun.net.httpserver.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.enverify.bench.LoadGenerator.Result;

/**
 * The benchmark: starts a fresh embedded PostgreSQL and Enverify on it, measures the raw baselines,
 * then Enverify's operations with the same load generator, checks correctness and writes the report.
 *
 * <p>Usage: {@code bench/run.sh [--quick]}.
 */
public final class Bench {

    private static final int[] CONCURRENCY = {8, 32};

    /** Warm-up stops once the JIT compilers took less than this share of Enverify's CPU in a round. */
    private static final double QUIET_JIT_SHARE = 0.05;

    /** Seeded token hashes and Go-sequence codes start far above B3's seeded codes, so none collide. */
    private static final long TOKEN_SEED_FROM = 1_000_000_000L;

    private static final long GO_SEED_FROM = 2_000_000_000L;
    /** B10's name in the results: the servlet container alone, the floor of an Enverify request's CPU. */
    static final String BARE_SERVLET = "B10 bare Tomcat servlet";

    static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

    private final boolean quick;
    private final Duration warmup;
    private final Duration measure;
    // microseconds, as PostgreSQL keeps them: the correctness checks compare rows' times with it
    private final Instant started = Instant.now().truncatedTo(ChronoUnit.MICROS);
    private final List<Result> results = new ArrayList<>();
    private final List<Report.Section> sections = new ArrayList<>();
    private final Map<String, String> checks = new LinkedHashMap<>();
    private boolean checksPassed = true;

    private Bench(boolean quick) {
        this.quick = quick;
        this.warmup = quick ? Duration.ofSeconds(1) : Duration.ofSeconds(5);
        this.measure = quick ? Duration.ofSeconds(2) : Duration.ofSeconds(10);
    }

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        Path root = projectRoot();
        Path jar = root.resolve("server/target/enverify.jar");
        if (!Files.isRegularFile(jar)) {
            System.err.println("The bench runs the built server jar, and " + jar + " is missing.\n"
                    + "Build it first, at the project root:  ./mvnw -q -DskipTests package");
            throw new IllegalStateException("missing " + jar);
        }
        new Bench(quick).run(root, jar);
    }

    /** The commit measured, marked when the working tree differs from it. */
    private static String commit(Path root) {
        try {
            Process head = new ProcessBuilder("git", "rev-parse", "--short", "HEAD")
                    .directory(root.toFile())
                    .start();
            String id = new String(head.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            Process status = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no")
                    .directory(root.toFile())
                    .start();
            boolean dirty = status.getInputStream().readAllBytes().length > 0;
            return id.isEmpty() ? "unknown" : id + (dirty ? " (with uncommitted changes)" : "");
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("server/pom.xml")) && Files.isDirectory(dir.resolve("bench"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("Run the bench from inside the Enverify project");
    }

    private void run(Path root, Path jar) throws Exception {
        Path workDir = root.resolve("bench/target/run-" + started.getEpochSecond());
        Files.createDirectories(workDir);
        Infrastructure infra = new Infrastructure(workDir, jar);
        BenchIdentityProvider identityProvider = new BenchIdentityProvider();
        Thread hook = new Thread(infra::close, "bench-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            System.out.println("Starting embedded PostgreSQL (shared_buffers=512MB, fsync and synchronous_commit on)");
            infra.startPostgres();
            System.out.println("Laying the jar out as the image does and training its AOT cache");
            infra.prepareImageLayout();
            System.out.println("Starting Enverify (-Xmx256m -XX:ActiveProcessorCount=2 "
                    + String.join(" ", Infrastructure.IMAGE_JVM_OPTIONS) + ", the AOT cache) on " + infra.jdbcUrl());
            infra.startEnverify();
            Resources.watch(infra::enverifyPid, infra::postmasterPid);
            startupMillis = infra.startupMillis();
            System.out.println("Enverify answered " + startupMillis + " ms after launch");
            System.out.println("Creating realms and API keys with the CLI");
            // Each CLI command starts a JVM: the independent ones run side by side.
            long realm;
            long baselineRealm;
            long managedRealm;
            Keys keys;
            try (ExecutorService cli = Executors.newVirtualThreadPerTaskExecutor()) {
                Future<String> benchRealm = cli.submit(() -> infra.cli("realm", "create", "--name", "Bench"));
                Future<String> otherRealm = cli.submit(() -> infra.cli("realm", "create", "--name", "Bench baseline"));
                Future<String> thirdRealm =
                        cli.submit(() -> infra.cli("realm", "create", "--name", "Bench management"));
                realm = Long.parseLong(benchRealm.get());
                baselineRealm = Long.parseLong(otherRealm.get());
                managedRealm = Long.parseLong(thirdRealm.get());
                Future<String> trust = cli.submit(() -> infra.cli(identityProvider.trustCommand(managedRealm)));
                String id = Long.toString(realm);
                Future<String> settings =
                        cli.submit(() -> infra.cli("realm", "set", id, "require_date=false", "allow_bulk_upload=true"));
                Future<String> admin = cli.submit(
                        () -> infra.cli("apikey", "create", "--realm", id, "--type", "admin", "--name", "bench-admin"));
                Future<String> device = cli.submit(() ->
                        infra.cli("apikey", "create", "--realm", id, "--type", "device", "--name", "bench-device"));
                Future<String> stats = cli.submit(
                        () -> infra.cli("apikey", "create", "--realm", id, "--type", "stats", "--name", "bench-stats"));
                settings.get();
                trust.get();
                keys = new Keys(admin.get(), device.get(), stats.get());
            }

            try (HttpClient client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build()) {
                baselines(infra, baselineRealm, client);
                EnverifyPhases phases = new EnverifyPhases(infra, realm, keys, client, this);
                phases.run();
                new ManagementPhases(infra, managedRealm, identityProvider, client, this).run();
                System.out.println("CLI commands while the server runs (after "
                        + Resources.awaitQuiet(Duration.ofMinutes(2)).toSeconds()
                        + " s waiting for the server and PostgreSQL to be idle)");
                cliTimings = new CliTimings(infra, realm).run();
                // after the CLI timings, which would otherwise list the pre-filled realms
                Growth.run(infra, phases, realm, baselineRealm, client, this);
                phases.checks();
            }
            infra.dumpStatementStats();
            // Every start but the first finds the schema migrated, as a scaled-out or restarted server does.
            infra.restartEnverify();
            restartMillis = infra.startupMillis();
            System.out.println(
                    "Restarted on the migrated database: Enverify answered " + restartMillis + " ms after launch");
            addSection(FirstStart.run(infra, workDir));
        } finally {
            infra.close();
            identityProvider.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
        new Report(
                        results,
                        sections,
                        checks,
                        quick,
                        started,
                        measure,
                        warmup,
                        idleRssKb,
                        afterRssKb,
                        startupMillis,
                        restartMillis,
                        cliTimings,
                        commit(root))
                .write(root.resolve("bench/results"));
        if (!checksPassed) {
            throw new IllegalStateException("a correctness check failed; see the report");
        }
    }

    private void baselines(Infrastructure infra, long realm, HttpClient client) throws Exception {
        Baselines baselines = new Baselines(infra.jdbcUrl(), realm);
        System.out.println("Baselines");
        for (int c : CONCURRENCY) {
            results.add(LoadGenerator.run("B1 jdbc insert code", c, warmup, measure, baselines::insertCode));
        }
        for (int c : concurrencies()) {
            results.add(LoadGenerator.run("B2 jdbc insert 10 codes", c, warmup, measure, baselines::insertTenCodes));
        }
        long seed = quick ? 100_000 : 1_000_000;
        baselines.seedCodes(seed);
        for (int c : CONCURRENCY) {
            results.add(LoadGenerator.run("B3 jdbc verify tx", c, warmup, measure, baselines::verifyTransaction));
        }
        baselines.seedTokens(TOKEN_SEED_FROM, seed);
        AtomicLong nextToken = new AtomicLong(TOKEN_SEED_FROM);
        for (int c : CONCURRENCY) {
            results.add(LoadGenerator.run(
                    "B4 jdbc certificate update",
                    c,
                    warmup,
                    measure,
                    w -> baselines.useToken(nextToken, TOKEN_SEED_FROM + seed - 1)));
        }
        baselines.seedStatistics();
        for (int c : concurrencies()) {
            results.add(
                    LoadGenerator.run("B5 jdbc 90-day stats query", c, warmup, measure, baselines::statisticsQuery));
        }
        GoSequences go = new GoSequences(baselines, realm, GO_SEED_FROM, seed);
        for (int c : CONCURRENCY) {
            results.add(LoadGenerator.run("B6 go_issue", c, warmup, measure, go::issue));
        }
        for (int c : CONCURRENCY) {
            results.add(LoadGenerator.run("B6 go_verify", c, warmup, measure, go::verify));
        }
        for (int c : CONCURRENCY) {
            results.add(LoadGenerator.run("B6 go_cert", c, warmup, measure, go::certificate));
        }
        Provider provider = nativeProvider();
        String providerName = provider == null ? "JDK" : provider.getName();
        results.add(LoadGenerator.run(
                "B7 ES256 sign (" + providerName + ")", 1, warmup, measure, w -> Baselines.sign(provider)));
        results.add(LoadGenerator.run(
                "B7 ES256 verify (" + providerName + ")", 1, warmup, measure, w -> Baselines.verify(provider)));
        HttpServer server = Baselines.bareServer();
        try {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/verify");
            for (int c : CONCURRENCY) {
                results.add(LoadGenerator.run(
                        "B9 bare HttpServer",
                        c,
                        warmup,
                        measure,
                        w -> Baselines.post(client, uri, "{\"code\":\"1\"}")));
            }
        } finally {
            server.stop(0);
        }
        try (Infrastructure.BareServletServer bare = infra.startBareServlet()) {
            Resources.watch(bare.process()::pid, infra::postmasterPid);
            LoadGenerator.OperationFactory post = w -> Baselines.post(client, bare.uri(), "{\"code\":\"1\"}");
            warmUp("(warming B10 up)", post);
            for (int c : CONCURRENCY) {
                results.add(LoadGenerator.run(BARE_SERVLET, c, warmup, measure, post));
            }
        } finally {
            Resources.watch(infra::enverifyPid, infra::postmasterPid);
        }
    }

    /**
     * The JIT compiles the hot paths only after thousands of calls and goes on compiling long after:
     * measure the server as it runs in production, once its compilers have gone quiet. The operations
     * at 16 workers in rounds, until a round's JIT share falls below {@link #QUIET_JIT_SHARE}, bounded
     * in time.
     */
    void warmUp(String name, LoadGenerator.OperationFactory factory) throws Exception {
        Duration round = quick ? Duration.ofSeconds(5) : Duration.ofSeconds(10);
        long deadline = System.nanoTime() + (quick ? Duration.ofSeconds(20) : Duration.ofSeconds(90)).toNanos();
        double jitShare;
        do {
            jitShare = LoadGenerator.run(name, 16, Duration.ZERO, round, factory)
                    .usage()
                    .appJitShare();
        } while (jitShare >= QUIET_JIT_SHARE && System.nanoTime() < deadline);
        System.out.printf(
                Locale.ROOT, "  (the JIT took %.0f%% of the server's CPU in the last warm-up round)%n", jitShare * 100);
    }

    /** The secondary phases run at both concurrencies in a full run, at 32 only in a quick one. */
    int[] concurrencies() {
        return quick ? new int[] {32} : CONCURRENCY;
    }

    /** ACCP where it loads, as Enverify's CryptoProvider chooses; otherwise the JDK's providers. */
    private static Provider nativeProvider() {
        try {
            AmazonCorrettoCryptoProvider provider = AmazonCorrettoCryptoProvider.INSTANCE;
            if (provider.getLoadingError() == null) {
                provider.assertHealthy();
                return provider;
            }
        } catch (Throwable e) {
            // fall back to the JDK
        }
        return null;
    }

    /** The realm's keys, one of each type, as the CLI printed them. */
    record Keys(String admin, String device, String stats) {}

    boolean quick() {
        return quick;
    }

    Duration warmup() {
        return warmup;
    }

    Duration measure() {
        return measure;
    }

    int[] concurrency() {
        return CONCURRENCY;
    }

    void add(Result result) {
        results.add(result);
    }

    /** A part of the report of its own, after the phases' tables: A10, the growth group. */
    void addSection(Report.Section section) {
        sections.add(section);
    }

    /** When the run started: every row its phases write is newer. */
    Instant started() {
        return started;
    }

    private long startupMillis;
    private long restartMillis;
    private List<CliTimings.Timing> cliTimings = List.of();

    private long idleRssKb;
    private long afterRssKb;

    /** Enverify's resident memory once started, before any load, and after all of it. */
    void setMemory(long idleKb, long afterKb) {
        idleRssKb = idleKb;
        afterRssKb = afterKb;
    }

    void check(String name, long expected, long actual) {
        check(name, expected, 0, actual);
    }

    /**
     * @param unanswered requests of the kind counted that got no answer (a timeout of an overloaded step): the
     *     server may have done each or not, so the database may hold up to that many more
     */
    void check(String name, long expected, long unanswered, long actual) {
        boolean ok = actual >= expected && actual <= expected + unanswered;
        checksPassed &= ok;
        String line = (ok ? "PASS" : "FAIL") + " (client counted " + expected
                + (unanswered > 0 ? " and " + unanswered + " more without an answer" : "") + ", database has "
                + actual + ")";
        checks.put(name, line);
        System.out.println("  check: " + name + ": " + line);
    }

    static long count(Statement statement, String sql) throws Exception {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static <T> List<ConcurrentLinkedQueue<T>> split(ConcurrentLinkedQueue<T> all) {
        List<ConcurrentLinkedQueue<T>> pools = new ArrayList<>();
        for (int i = 0; i < CONCURRENCY.length; i++) {
            pools.add(new ConcurrentLinkedQueue<>());
        }
        int i = 0;
        for (T item : all) {
            pools.get(i++ % pools.size()).add(item);
        }
        return pools;
    }

    static HttpRequest json(URI uri, String key, String body) {
        return HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .header("X-API-Key", key)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    static String field(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + pattern + " in " + body);
        }
        return matcher.group(1);
    }

    static String timestamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
