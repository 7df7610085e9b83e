package org.enverify.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.enverify.bench.LoadGenerator.Operation;
import org.enverify.bench.LoadGenerator.OperationFactory;
import org.enverify.bench.LoadGenerator.Outcome;
import org.enverify.bench.LoadGenerator.Result;

/**
 * Enverify's operations, A1 to A9, with the same load generator as the baselines, then the
 * correctness checks: every success the generator counted must be in the database, once, and in the
 * statistics.
 */
final class EnverifyPhases {

    /** How many real verifies the server's chaff imitates (its {@code ResponseTracker.WINDOW}). */
    private static final int CHAFF_IMITATION_WINDOW = 100;

    /** Codes {@link #freshCodes()} issues: more than the mix verifies in one step of A10 at the highest rate. */
    private static final int FRESH_CODES = 2000;

    private static final Pattern CODES = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]+)\"");

    private final Infrastructure infra;
    private final long realm;
    private final Bench.Keys keys;
    private final HttpClient client;
    private final Bench bench;
    private final URI issue;
    private final URI batchIssue;
    private final URI verify;
    private final URI certificate;
    private final URI stats;

    private final ConcurrentLinkedQueue<String> codes = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> tokens = new ConcurrentLinkedQueue<>();
    private final LongAdder issued = new LongAdder();
    private final LongAdder claimed = new LongAdder();
    private final LongAdder invalid = new LongAdder();
    private final LongAdder certified = new LongAdder();
    // requests that got no answer (timeouts of an overloaded A10 step): done by the server or not
    private final LongAdder issuedUnanswered = new LongAdder();
    private final LongAdder claimedUnanswered = new LongAdder();
    private final LongAdder invalidUnanswered = new LongAdder();
    private final LongAdder certifiedUnanswered = new LongAdder();

    EnverifyPhases(Infrastructure infra, long realm, Bench.Keys keys, HttpClient client, Bench bench) {
        this.infra = infra;
        this.realm = realm;
        this.keys = keys;
        this.client = client;
        this.bench = bench;
        this.issue = URI.create(infra.baseUrl() + "/api/issue");
        this.batchIssue = URI.create(infra.baseUrl() + "/api/batch-issue");
        this.verify = URI.create(infra.baseUrl() + "/api/verify");
        this.certificate = URI.create(infra.baseUrl() + "/api/certificate");
        this.stats = URI.create(infra.baseUrl() + "/api/stats/realm.json");
    }

    void run() throws Exception {
        System.out.println("Enverify");
        Duration warmup = bench.warmup();
        Duration measure = bench.measure();
        long idleRss = Resources.appRssKb();
        bench.warmUp("(warming Enverify up: whole flows)", w -> this::flow);

        issuing("A1 /api/issue").forEach(bench::add);
        for (int c : bench.concurrencies()) {
            bench.add(LoadGenerator.run("A2 /api/batch-issue (10 codes)", c, warmup, measure, w -> this::issueTen));
        }
        verifyingAndCertifying("A3 /api/verify", "A4 /api/certificate").forEach(bench::add);
        for (int c : bench.concurrencies()) {
            bench.add(LoadGenerator.run(
                    "A5 whole flow (issue, verify, certificate)", c, warmup, measure, w -> this::flow));
        }
        for (int c : bench.concurrencies()) {
            settleChaffImitation();
            bench.add(LoadGenerator.run("A6 chaff /api/verify", c, warmup, measure, w -> this::chaff));
        }
        for (int c : bench.concurrencies()) {
            bench.add(
                    LoadGenerator.run("A7 /api/stats/realm.json (cached)", c, warmup, measure, w -> this::statistics));
        }
        String unknownKey = Base64.getUrlEncoder().withoutPadding().encodeToString(Baselines.random(64));
        for (int c : bench.concurrencies()) {
            bench.add(LoadGenerator.run(
                    "A8 rejection: unknown API key",
                    c,
                    warmup,
                    measure,
                    w -> () -> expect(401, send(verify, unknownKey, "{\"code\":\"12345678\"}"))));
            bench.add(LoadGenerator.run(
                    "A8 rejection: malformed body",
                    c,
                    warmup,
                    measure,
                    w -> () -> expect(400, send(verify, keys.device(), "{\"code\":"))));
            bench.add(LoadGenerator.run("A8 rejection: wrong code", c, warmup, measure, w -> this::wrongCode));
        }
        bench.add(openLoopMix(
                "A9 open-loop mix at 100 req/s",
                bench.quick() ? Duration.ofSeconds(8) : Duration.ofSeconds(60),
                UnaryOperator.identity()));
        bench.setMemory(idleRss, Resources.appRssKb());
        freshCodes();
        bench.addSection(RateSearch.run("A10 open-loop mix", bench.quick(), this::mix, this::settleChaffImitation));
    }

    /** Issuing at each concurrency: A1, and G1 on the pre-filled database. */
    List<Result> issuing(String name) throws Exception {
        List<Result> results = new ArrayList<>();
        for (int c : bench.concurrency()) {
            results.add(LoadGenerator.run(name, c, bench.warmup(), bench.measure(), w -> this::issueOne));
        }
        return results;
    }

    /**
     * Verifying codes issued just before, then spending the tokens they gave, at each concurrency: A3 and A4,
     * and G3 and G4 on the pre-filled database.
     */
    List<Result> verifyingAndCertifying(String verifyName, String certificateName) throws Exception {
        LoadGenerator.run(
                "(issuing codes to verify)",
                32,
                Duration.ZERO,
                bench.quick() ? Duration.ofSeconds(3) : bench.measure(),
                w -> this::issueOne);
        List<Result> results = new ArrayList<>();
        List<ConcurrentLinkedQueue<String>> codePools = Bench.split(drain(codes));
        for (int i = 0; i < bench.concurrency().length; i++) {
            ConcurrentLinkedQueue<String> pool = codePools.get(i);
            results.add(LoadGenerator.run(
                    verifyName, bench.concurrency()[i], bench.warmup(), bench.measure(), w -> () -> verifyOne(pool)));
        }
        codePools.forEach(codes::addAll);
        List<ConcurrentLinkedQueue<String>> tokenPools = Bench.split(drain(tokens));
        for (int i = 0; i < bench.concurrency().length; i++) {
            ConcurrentLinkedQueue<String> pool = tokenPools.get(i);
            results.add(LoadGenerator.run(
                    certificateName,
                    bench.concurrency()[i],
                    bench.warmup(),
                    bench.measure(),
                    w -> () -> certifyOne(pool)));
        }
        return results;
    }

    /**
     * The realistic mix at 100 requests/s, chaff settled first: A9, and G9 on the pre-filled database, whose
     * requests {@code around} times one by one.
     */
    Result openLoopMix(String name, Duration duration, UnaryOperator<OperationFactory> around) throws Exception {
        settleChaffImitation();
        return LoadGenerator.openLoop(name, 100, duration, around.apply(this::mix));
    }

    /**
     * A short code lives 15 minutes: a phase long after the codes were issued would verify expired ones. Drops
     * the codes not verified yet and issues {@value #FRESH_CODES} new ones, unmeasured, for the mix to verify.
     */
    void freshCodes() throws Exception {
        codes.clear();
        AtomicInteger toIssue = new AtomicInteger(FRESH_CODES);
        LoadGenerator.run(
                "(issuing fresh codes)",
                32,
                Duration.ZERO,
                Duration.ofSeconds(60),
                w -> () -> toIssue.getAndDecrement() > 0 ? issueOne() : Outcome.EXHAUSTED);
    }

    private static <T> ConcurrentLinkedQueue<T> drain(ConcurrentLinkedQueue<T> queue) {
        ConcurrentLinkedQueue<T> all = new ConcurrentLinkedQueue<>();
        for (T item = queue.poll(); item != null; item = queue.poll()) {
            all.add(item);
        }
        return all;
    }

    private HttpResponse<String> send(URI uri, String key, String body) throws Exception {
        return client.send(Bench.json(uri, key, body), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(URI uri, String key, String body, LongAdder unanswered, int items)
            throws Exception {
        try {
            return send(uri, key, body);
        } catch (IOException e) {
            unanswered.add(items);
            throw e;
        }
    }

    private static Outcome expect(int status, HttpResponse<String> response) {
        return response.statusCode() == status ? Outcome.SUCCESS : Outcome.FAILURE;
    }

    private Outcome issueOne() throws Exception {
        String code = issueCode();
        if (code == null) {
            return Outcome.FAILURE;
        }
        codes.add(code);
        return Outcome.SUCCESS;
    }

    private String issueCode() throws Exception {
        HttpResponse<String> response = send(issue, keys.admin(), "{\"testType\":\"confirmed\"}", issuedUnanswered, 1);
        if (response.statusCode() != 200) {
            return null;
        }
        issued.increment();
        return Bench.field(Bench.CODE, response.body());
    }

    private Outcome issueTen() throws Exception {
        String item = "{\"testType\":\"confirmed\"}";
        HttpResponse<String> response = send(
                batchIssue,
                keys.admin(),
                "{\"codes\":[" + String.join(",", Collections.nCopies(10, item)) + "]}",
                issuedUnanswered,
                10);
        if (response.statusCode() != 200) {
            return Outcome.FAILURE;
        }
        Matcher matcher = CODES.matcher(response.body());
        int found = 0;
        while (matcher.find()) {
            codes.add(matcher.group(1));
            found++;
        }
        issued.add(found);
        return found == 10 ? Outcome.SUCCESS : Outcome.FAILURE;
    }

    private String verifyCode(String code) throws Exception {
        HttpResponse<String> response =
                send(verify, keys.device(), "{\"code\":\"" + code + "\"}", claimedUnanswered, 1);
        if (response.statusCode() != 200) {
            return null;
        }
        claimed.increment();
        return Bench.field(Bench.TOKEN, response.body());
    }

    private Outcome verifyOne(ConcurrentLinkedQueue<String> pool) throws Exception {
        String code = pool.poll();
        if (code == null) {
            return Outcome.EXHAUSTED;
        }
        String token = verifyCode(code);
        if (token == null) {
            return Outcome.FAILURE;
        }
        tokens.add(token);
        return Outcome.SUCCESS;
    }

    private boolean certify(String token) throws Exception {
        String hmac = Base64.getEncoder().encodeToString(Baselines.random(32));
        HttpResponse<String> response = send(
                certificate,
                keys.device(),
                "{\"token\":\"" + token + "\",\"ekeyhmac\":\"" + hmac + "\"}",
                certifiedUnanswered,
                1);
        if (response.statusCode() != 200) {
            return false;
        }
        certified.increment();
        return true;
    }

    private Outcome certifyOne(ConcurrentLinkedQueue<String> pool) throws Exception {
        String token = pool.poll();
        if (token == null) {
            return Outcome.EXHAUSTED;
        }
        return certify(token) ? Outcome.SUCCESS : Outcome.FAILURE;
    }

    /** A5: one virtual user's whole flow, each step with the answer of the one before. */
    private Outcome flow() throws Exception {
        String code = issueCode();
        String token = code == null ? null : verifyCode(code);
        return token != null && certify(token) ? Outcome.SUCCESS : Outcome.FAILURE;
    }

    private Outcome chaff() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(verify)
                .header("Content-Type", "application/json")
                .header("X-API-Key", keys.device())
                .header("X-Chaff", "1")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"12345678\"}", StandardCharsets.UTF_8))
                .build();
        return expect(200, client.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    private Outcome statistics() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(stats)
                .header("X-API-Key", keys.stats())
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
        return expect(200, client.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    /**
     * Chaff answers as late as the server's last {@value #CHAFF_IMITATION_WINDOW} real verifies took on
     * average, so that it looks like them; after an overload phase that is hundreds of milliseconds, which the
     * mix's two real verifies a second would take 50 s to wash out. One verify at a time refills the window
     * with what an unloaded server's verify takes, as in the steady state the phases after this measure; twice
     * over, since the first few still wait behind the tail of the phase before.
     */
    void settleChaffImitation() throws Exception {
        for (int i = 0; i < 2 * CHAFF_IMITATION_WINDOW; i++) {
            wrongCode();
        }
    }

    /** A code that was never issued: refused with 400 code_invalid, and counted as invalid. */
    private Outcome wrongCode() throws Exception {
        HttpResponse<String> response =
                send(verify, keys.device(), "{\"code\":\"" + randomDigits() + "\"}", invalidUnanswered, 1);
        if (response.statusCode() == 400) {
            invalid.increment();
            return Outcome.SUCCESS;
        }
        return Outcome.FAILURE;
    }

    /** Sixteen digits: the bench realm's short codes have eight, so no issued code can match. */
    private static String randomDigits() {
        StringBuilder digits = new StringBuilder();
        for (byte b : Baselines.random(16)) {
            digits.append(Math.floorMod(b, 10));
        }
        return digits.toString();
    }

    /**
     * A9: of every 700 requests, 7 issue, 14 verify (7 with a fresh code, 7 with a wrong one), 2
     * certificates (one per seven verifies) and 677 chaff: 97% chaff, 2% verify, 1% issue.
     */
    Operation mix(int i) {
        int slot = i % 700;
        if (slot % 100 == 0) {
            return this::issueOne;
        }
        if (slot % 100 == 1) {
            return () -> {
                String code = codes.poll();
                if (code == null) {
                    return Outcome.FAILURE;
                }
                String token = verifyCode(code);
                if (token == null) {
                    return Outcome.FAILURE;
                }
                tokens.add(token);
                return Outcome.SUCCESS;
            };
        }
        if (slot % 100 == 2) {
            return this::wrongCode;
        }
        if (slot == 3 || slot == 353) {
            return () -> {
                String token = tokens.poll();
                return token != null && certify(token) ? Outcome.SUCCESS : Outcome.FAILURE;
            };
        }
        return this::chaff;
    }

    /**
     * Compares what the generator counted with the database. Only what the run's phases made counts: the
     * growth group pre-fills the bench realm with history created before the run started.
     */
    void checks() throws Exception {
        // The server writes its statistics counters at most a second after each event.
        Thread.sleep(2500);
        try (Connection connection = new Baselines(infra.jdbcUrl(), realm).connect();
                Statement statement = connection.createStatement()) {
            String since = "'" + bench.started() + "'::timestamptz";
            String where = " WHERE realm_id = " + realm + " AND created_at >= " + since;
            bench.check(
                    "codes stored = codes issued (A1, A2, A5, A9, A10, the growth group's, warm-up)",
                    issued.sum(),
                    issuedUnanswered.sum(),
                    Bench.count(statement, "SELECT count(*) FROM verification_codes" + where));
            bench.check(
                    "codes claimed = 200s of /api/verify (each code claimed at most once)",
                    claimed.sum(),
                    claimedUnanswered.sum(),
                    Bench.count(
                            statement,
                            "SELECT count(*) FROM verification_codes" + where + " AND claimed_at IS NOT NULL"));
            bench.check(
                    "tokens stored = 200s of /api/verify",
                    claimed.sum(),
                    claimedUnanswered.sum(),
                    Bench.count(statement, "SELECT count(*) FROM tokens" + where));
            bench.check(
                    "tokens used = 200s of /api/certificate (each token used once)",
                    certified.sum(),
                    certifiedUnanswered.sum(),
                    Bench.count(statement, "SELECT count(*) FROM tokens" + where + " AND used_at IS NOT NULL"));
            List<String[]> counters = new ArrayList<>();
            counters.add(new String[] {"codes_issued", "codes issued"});
            counters.add(new String[] {"codes_claimed", "200s of /api/verify"});
            counters.add(new String[] {"codes_invalid", "wrong codes refused (A8, A9, A10)"});
            counters.add(new String[] {"tokens_claimed", "200s of /api/certificate"});
            long[] expected = {issued.sum(), claimed.sum(), invalid.sum(), certified.sum()};
            long[] unanswered = {
                issuedUnanswered.sum(), claimedUnanswered.sum(), invalidUnanswered.sum(), certifiedUnanswered.sum()
            };
            for (int i = 0; i < counters.size(); i++) {
                bench.check(
                        "statistics " + counters.get(i)[0] + " = " + counters.get(i)[1],
                        expected[i],
                        unanswered[i],
                        Bench.count(
                                statement,
                                "SELECT coalesce(sum(" + counters.get(i)[0] + "), 0) FROM realm_daily_counters"
                                        + " WHERE realm_id = " + realm + " AND day >= date(" + since
                                        + " AT TIME ZONE 'UTC')"));
            }
        }
    }
}
