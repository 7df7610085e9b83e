package org.enverify.bench;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.sun.net.httpserver.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.enverify.bench.LoadGenerator.Outcome;
import org.enverify.bench.LoadGenerator.Result;

/**
 * The benchmark: starts a fresh embedded PostgreSQL and Enverify on it, measures the raw baselines,
 * then Enverify's operations with the same load generator, checks correctness and writes the report.
 *
 * <p>Usage: {@code bench/run.sh [--quick]}.
 */
public final class Bench {

    private static final int[] CONCURRENCY = {8, 32};
    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

    private final boolean quick;
    private final Duration warmup;
    private final Duration measure;
    private final List<Result> results = new ArrayList<>();
    private final Map<String, String> checks = new LinkedHashMap<>();
    private boolean checksPassed = true;

    private Bench(boolean quick) {
        this.quick = quick;
        this.warmup = quick ? Duration.ofSeconds(1) : Duration.ofSeconds(10);
        this.measure = quick ? Duration.ofSeconds(3) : Duration.ofSeconds(30);
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
        Instant started = Instant.now();
        Path workDir = root.resolve("bench/target/run-" + started.getEpochSecond());
        Files.createDirectories(workDir);
        Infrastructure infra = new Infrastructure(workDir, jar);
        Thread hook = new Thread(infra::close, "bench-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            System.out.println("Starting embedded PostgreSQL (shared_buffers=512MB, fsync and synchronous_commit on)");
            infra.startPostgres();
            System.out.println("Starting Enverify (-Xmx256m -XX:ActiveProcessorCount=2) on " + infra.jdbcUrl());
            infra.startEnverify();
            System.out.println("Creating realms and API keys with the CLI");
            long realm = Long.parseLong(infra.cli("realm", "create", "--name", "Bench"));
            infra.cli("realm", "set", Long.toString(realm), "require_date=false");
            String adminKey = infra.cli(
                    "apikey", "create", "--realm", Long.toString(realm), "--type", "admin", "--name", "bench-admin");
            String deviceKey = infra.cli(
                    "apikey", "create", "--realm", Long.toString(realm), "--type", "device", "--name", "bench-device");
            long baselineRealm = Long.parseLong(infra.cli("realm", "create", "--name", "Bench baseline"));

            try (HttpClient client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build()) {
                baselines(infra, baselineRealm, client);
                enverify(infra, realm, adminKey, deviceKey, client);
            }
        } finally {
            infra.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
        new Report(results, checks, quick, started, measure, warmup).write(root.resolve("bench/results"));
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
        baselines.seedCodes(quick ? 300_000 : 3_000_000);
        for (int c : CONCURRENCY) {
            results.add(LoadGenerator.run("B3 jdbc verify tx", c, warmup, measure, baselines::verifyTransaction));
        }
        List<ConcurrentLinkedQueue<Long>> tokenPools = split(baselines.tokens());
        for (int i = 0; i < CONCURRENCY.length; i++) {
            ConcurrentLinkedQueue<Long> pool = tokenPools.get(i);
            results.add(LoadGenerator.run(
                    "B4 jdbc certificate update", CONCURRENCY[i], warmup, measure, w -> baselines.useToken(pool)));
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

    private void enverify(Infrastructure infra, long realm, String adminKey, String deviceKey, HttpClient client)
            throws Exception {
        System.out.println("Enverify");
        URI issue = URI.create(infra.baseUrl() + "/api/issue");
        URI verify = URI.create(infra.baseUrl() + "/api/verify");
        URI certificate = URI.create(infra.baseUrl() + "/api/certificate");
        ConcurrentLinkedQueue<String> codes = new ConcurrentLinkedQueue<>();
        LongAdder issued = new LongAdder();
        LoadGenerator.OperationFactory issuing = w -> {
            HttpRequest request = json(issue, adminKey, "{\"testType\":\"confirmed\"}");
            return () -> {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    return Outcome.FAILURE;
                }
                codes.add(field(CODE, response.body()));
                issued.increment();
                return Outcome.SUCCESS;
            };
        };
        for (int c : CONCURRENCY) {
            results.add(LoadGenerator.run("A1 /api/issue", c, warmup, measure, issuing));
        }
        // More codes for A3, unmeasured, bounded in time.
        LoadGenerator.run(
                "(issuing codes for A3)", 32, Duration.ZERO, quick ? Duration.ofSeconds(5) : measure, issuing);

        LongAdder verified = new LongAdder();
        List<ConcurrentLinkedQueue<String>> codePools = split(codes);
        ConcurrentLinkedQueue<String> tokens = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < CONCURRENCY.length; i++) {
            ConcurrentLinkedQueue<String> pool = codePools.get(i);
            results.add(LoadGenerator.run("A3 /api/verify", CONCURRENCY[i], warmup, measure, w -> () -> {
                String code = pool.poll();
                if (code == null) {
                    return Outcome.EXHAUSTED;
                }
                HttpResponse<String> response = client.send(
                        json(verify, deviceKey, "{\"code\":\"" + code + "\"}"), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    return Outcome.FAILURE;
                }
                verified.increment();
                tokens.add(field(TOKEN, response.body()));
                return Outcome.SUCCESS;
            }));
        }

        LongAdder certified = new LongAdder();
        List<ConcurrentLinkedQueue<String>> tokenPools = split(tokens);
        for (int i = 0; i < CONCURRENCY.length; i++) {
            ConcurrentLinkedQueue<String> pool = tokenPools.get(i);
            results.add(LoadGenerator.run("A4 /api/certificate", CONCURRENCY[i], warmup, measure, w -> () -> {
                String token = pool.poll();
                if (token == null) {
                    return Outcome.EXHAUSTED;
                }
                String hmac = Base64.getEncoder().encodeToString(Baselines.random(32));
                HttpResponse<String> response = client.send(
                        json(certificate, deviceKey, "{\"token\":\"" + token + "\",\"ekeyhmac\":\"" + hmac + "\"}"),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    return Outcome.FAILURE;
                }
                certified.increment();
                return Outcome.SUCCESS;
            }));
        }

        try (Connection connection = new Baselines(infra.jdbcUrl(), realm).connect();
                Statement statement = connection.createStatement()) {
            check(
                    "A1 codes stored = 200s of /api/issue",
                    issued.sum(),
                    count(statement, "SELECT count(*) FROM verification_codes WHERE realm_id = " + realm));
            check(
                    "A3 codes claimed = 200s of /api/verify (each code claimed at most once)",
                    verified.sum(),
                    count(
                            statement,
                            "SELECT count(*) FROM verification_codes WHERE realm_id = " + realm
                                    + " AND claimed_at IS NOT NULL"));
            check(
                    "A3 tokens stored = 200s of /api/verify",
                    verified.sum(),
                    count(statement, "SELECT count(*) FROM tokens WHERE realm_id = " + realm));
            check(
                    "A4 tokens used = 200s of /api/certificate (each token used once)",
                    certified.sum(),
                    count(
                            statement,
                            "SELECT count(*) FROM tokens WHERE realm_id = " + realm + " AND used_at IS NOT NULL"));
        }
    }

    private void check(String name, long expected, long actual) {
        boolean ok = expected == actual;
        checksPassed &= ok;
        String line = (ok ? "PASS" : "FAIL") + " (client counted " + expected + ", database has " + actual + ")";
        checks.put(name, line);
        System.out.println("  check: " + name + ": " + line);
    }

    private static long count(Statement statement, String sql) throws Exception {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static <T> List<ConcurrentLinkedQueue<T>> split(ConcurrentLinkedQueue<T> all) {
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

    private static HttpRequest json(URI uri, String key, String body) {
        return HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .header("X-API-Key", key)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    private static String field(Pattern pattern, String body) {
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
