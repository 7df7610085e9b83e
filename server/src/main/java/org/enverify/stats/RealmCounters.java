package org.enverify.stats;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.enverify.realm.RealmId;
import org.enverify.realm.TestType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts protocol events per realm, API key, web UI user and external issuer for each UTC day. A count is made
 * only when the transaction of its event commits, so work that rolled back is never counted. Counts
 * add up in memory and are written at most {@link #FLUSH_INTERVAL} later, all pending rows in one
 * statement per table, and before every read of the counters in this process: a per-request upsert
 * of the realm's row would make every request of a realm queue on that row's lock until its commit,
 * which caps a busy realm at a few hundred requests per second. The price is that a process that
 * dies without stopping loses the counts of its last second. Each write lands on one of {@value
 * #SHARDS} rows per day chosen at random, so processes flushing at the same moment rarely wait on
 * each other; reads add the shards up.
 */
@Component
public class RealmCounters implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RealmCounters.class);

    static final int SHARDS = 16;

    static final Duration FLUSH_INTERVAL = Duration.ofSeconds(1);

    /** Upper bounds (inclusive) of the claim-age buckets, as upstream defines them. */
    public static final List<Duration> CLAIM_AGE_BOUNDS = Stream.of(1, 5, 15, 30, 60, 120, 180, 360, 720, 1440, 20160)
            .map(Duration::ofMinutes)
            .toList();

    static final List<String> CLAIM_AGE_COLUMNS = List.of(
            "claim_age_le_1m",
            "claim_age_le_5m",
            "claim_age_le_15m",
            "claim_age_le_30m",
            "claim_age_le_1h",
            "claim_age_le_2h",
            "claim_age_le_3h",
            "claim_age_le_6h",
            "claim_age_le_12h",
            "claim_age_le_24h",
            "claim_age_le_336h");

    static final String CLAIM_AGE_SUM = "code_claim_age_seconds_sum";

    private static final int COUNTERS = RealmCounter.values().length;

    /** A realm row's values: the counters, then the claim-age sum, then the claim-age buckets. */
    private static final List<String> REALM_COLUMNS = Stream.concat(
                    Stream.concat(Stream.of(RealmCounter.values()).map(RealmCounter::column), Stream.of(CLAIM_AGE_SUM)),
                    CLAIM_AGE_COLUMNS.stream())
            .toList();

    private static final List<String> API_KEY_COLUMNS = Stream.of(RealmCounter.values())
            .filter(RealmCounter::perApiKey)
            .map(RealmCounter::column)
            .toList();

    private static final List<String> ISSUER_COLUMNS = List.of(RealmCounter.CODES_ISSUED.column());

    /** One row of a counters table, for one day; pending counts accumulate per row. */
    private sealed interface Row {}

    private record RealmRow(long realm, LocalDate day) implements Row {}

    private record ApiKeyRow(long realm, long apiKey, LocalDate day) implements Row {}

    private record IssuerRow(long realm, LocalDate day, String issuer) implements Row {}

    private record UserRow(long realm, long user, LocalDate day) implements Row {}

    /**
     * Counts not yet written. A value is changed only inside {@code compute} and taken out with
     * {@code remove}, both under the map's lock of that key, so no increment slips past a flush.
     */
    private final ConcurrentHashMap<Row, long[]> pending = new ConcurrentHashMap<>();

    private final Map<String, Counter> meterCache = new ConcurrentHashMap<>();
    private final ReentrantLock flushing = new ReentrantLock();
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final MeterRegistry meters;
    private ScheduledExecutorService flusher;

    RealmCounters(JdbcClient jdbc, PlatformTransactionManager transactionManager, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        // Its own transaction: a flush from inside a caller's transaction must not roll back with it.
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * @param apiKeyId the issuing key, or null when no key issued the code
     * @param userId the web UI user who issued the code, or null when none did
     * @param externalIssuerId the caller's {@code externalIssuerID}, or null when it sent none
     */
    public void codeIssued(RealmId realm, Long apiKeyId, Long userId, String externalIssuerId, TestType testType) {
        count(
                realm,
                apiKeyId,
                externalIssuerId,
                null,
                RealmCounter.CODES_ISSUED,
                userReport(testType, RealmCounter.USER_REPORTS_ISSUED));
        if (userId != null) {
            LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            afterCommit(() -> add(new UserRow(realm.value(), userId, day), 1, values -> values[0]++));
        }
    }

    /** @param age from the code's issue to this claim; it places the claim in the age histogram */
    public void codeClaimed(RealmId realm, long apiKeyId, TestType testType, Duration age) {
        count(
                realm,
                apiKeyId,
                null,
                age,
                RealmCounter.CODES_CLAIMED,
                userReport(testType, RealmCounter.USER_REPORTS_CLAIMED));
    }

    /**
     * A refused verify that the statistics count: not a repeat of a successful one.
     *
     * @param os the operating system of the phone that asked
     * @param wrongNonce whether a user-report code was refused for a nonce other than the one it was issued for
     */
    public void codeInvalid(RealmId realm, long apiKeyId, PhoneOs os, boolean wrongNonce) {
        List<RealmCounter> refinements = new ArrayList<>(List.of(RealmCounter.codesInvalid(os)));
        if (wrongNonce) {
            refinements.add(RealmCounter.USER_REPORTS_INVALID_NONCE);
            refinements.add(RealmCounter.invalidNonce(os));
        }
        count(realm, apiKeyId, null, null, RealmCounter.CODES_INVALID, refinements);
    }

    public void tokenClaimed(RealmId realm, long apiKeyId, TestType testType) {
        count(
                realm,
                apiKeyId,
                null,
                null,
                RealmCounter.TOKENS_CLAIMED,
                userReport(testType, RealmCounter.USER_REPORT_TOKENS_CLAIMED));
    }

    /** A refused certificate that the statistics count: not a repeat of a successful one. */
    public void tokenInvalid(RealmId realm, long apiKeyId) {
        count(realm, apiKeyId, null, null, RealmCounter.TOKENS_INVALID, List.of());
    }

    /** An SMS the provider accepted. */
    public void smsSent(RealmId realm) {
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        afterCommit(() -> add(
                new RealmRow(realm.value(), day),
                REALM_COLUMNS.size(),
                values -> values[RealmCounter.SMS_SENT.ordinal()]++));
    }

    private static List<RealmCounter> userReport(TestType testType, RealmCounter counter) {
        return testType == TestType.USER_REPORT ? List.of(counter) : List.of();
    }

    /**
     * @param outcome what happened, counted for the realm, the API key and the external issuer
     * @param refinements realm-only counters that tell more about the same event
     */
    private void count(
            RealmId realm,
            Long apiKeyId,
            String externalIssuerId,
            Duration age,
            RealmCounter outcome,
            List<RealmCounter> refinements) {
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        afterCommit(() -> {
            long id = realm.value();
            add(new RealmRow(id, day), REALM_COLUMNS.size(), values -> {
                values[outcome.ordinal()]++;
                refinements.forEach(refinement -> values[refinement.ordinal()]++);
                if (age != null) {
                    values[COUNTERS] += Math.max(0, age.toSeconds());
                    for (int i = 0; i < CLAIM_AGE_BOUNDS.size(); i++) {
                        if (age.compareTo(CLAIM_AGE_BOUNDS.get(i)) <= 0) {
                            values[COUNTERS + 1 + i]++;
                            break;
                        }
                    }
                }
            });
            if (apiKeyId != null) {
                add(new ApiKeyRow(id, apiKeyId, day), API_KEY_COLUMNS.size(), values -> values[outcome.ordinal()]++);
            }
            if (externalIssuerId != null) {
                add(new IssuerRow(id, day, externalIssuerId), 1, values -> values[0]++);
            }
            meter(realm, outcome).increment();
        });
    }

    private void add(Row row, int width, Consumer<long[]> change) {
        pending.compute(row, (key, values) -> {
            long[] counts = values == null ? new long[width] : values;
            change.accept(counts);
            return counts;
        });
    }

    /**
     * Writes every pending count now. Reads of the counters call it first, so this process always
     * reads its own counts; a failed write keeps the counts pending for the next try.
     */
    public void flush() {
        flushing.lock();
        try {
            Map<Row, long[]> taken = new HashMap<>();
            for (Row row : List.copyOf(pending.keySet())) {
                long[] values = pending.remove(row);
                if (values != null) {
                    taken.put(row, values);
                }
            }
            if (taken.isEmpty()) {
                return;
            }
            try {
                write(taken);
            } catch (RuntimeException e) {
                taken.forEach((row, values) -> add(row, values.length, counts -> {
                    for (int i = 0; i < values.length; i++) {
                        counts[i] += values[i];
                    }
                }));
                throw e;
            }
        } finally {
            flushing.unlock();
        }
    }

    private void write(Map<Row, long[]> rows) {
        List<Object> realmParams = new ArrayList<>();
        List<Object> keyParams = new ArrayList<>();
        List<Object> issuerParams = new ArrayList<>();
        List<Object> userParams = new ArrayList<>();
        int shard = ThreadLocalRandom.current().nextInt(SHARDS);
        rows.forEach((row, values) -> {
            switch (row) {
                case RealmRow r -> addAll(realmParams, values, r.realm(), r.day(), shard);
                case ApiKeyRow k -> addAll(keyParams, values, k.realm(), k.apiKey(), k.day(), shard);
                case IssuerRow i -> addAll(issuerParams, values, i.realm(), i.day(), i.issuer(), shard);
                case UserRow u -> addAll(userParams, values, u.realm(), u.user(), u.day(), shard);
            }
        });
        // One transaction, so a failure leaves nothing half-written to be counted twice on the retry.
        transactions.executeWithoutResult(status -> {
            upsert("realm_daily_counters", List.of("realm_id", "day", "shard"), REALM_COLUMNS, realmParams);
            upsert(
                    "api_key_daily_counters",
                    List.of("realm_id", "api_key_id", "day", "shard"),
                    API_KEY_COLUMNS,
                    keyParams);
            upsert(
                    "external_issuer_daily_counters",
                    List.of("realm_id", "day", "issuer_id", "shard"),
                    ISSUER_COLUMNS,
                    issuerParams);
            upsert("user_daily_counters", List.of("realm_id", "user_id", "day", "shard"), ISSUER_COLUMNS, userParams);
        });
    }

    private static void addAll(List<Object> params, long[] values, Object... key) {
        params.addAll(List.of(key));
        for (long value : values) {
            params.add(value);
        }
    }

    private void upsert(String table, List<String> key, List<String> counters, List<Object> params) {
        if (params.isEmpty()) {
            return;
        }
        int width = key.size() + counters.size();
        String row = "(" + String.join(", ", Collections.nCopies(width, "?")) + ")";
        // PostgreSQL takes at most 65535 parameters in one statement.
        int rowsPerStatement = 1000;
        for (int from = 0; from < params.size(); from += rowsPerStatement * width) {
            List<Object> chunk = params.subList(from, Math.min(params.size(), from + rowsPerStatement * width));
            String sql = "INSERT INTO " + table + " AS c (" + String.join(", ", key) + ", "
                    + String.join(", ", counters) + ") VALUES "
                    + String.join(", ", Collections.nCopies(chunk.size() / width, row))
                    + " ON CONFLICT (" + String.join(", ", key) + ") DO UPDATE SET "
                    + counters.stream()
                            .map(column -> column + " = c." + column + " + excluded." + column)
                            .collect(Collectors.joining(", "));
            jdbc.sql(sql).params(chunk).update();
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("Could not write the statistics counters; they stay pending for the next try", e);
        }
    }

    @Override
    public synchronized void start() {
        if (flusher == null) {
            flusher = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("enverify:counters").daemon().factory());
            long interval = FLUSH_INTERVAL.toMillis();
            flusher.scheduleWithFixedDelay(this::flushQuietly, interval, interval, TimeUnit.MILLISECONDS);
        }
    }

    /** Writes what is pending before the database pool closes. */
    @Override
    public synchronized void stop() {
        if (flusher != null) {
            flusher.shutdownNow();
            flusher = null;
        }
        flushQuietly();
    }

    @Override
    public boolean isRunning() {
        return flusher != null;
    }

    /** Stops after the web server, so the counts of the requests it drains are written too. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    /** The Prometheus view of the same counts: {@code enverify_codes_total{realm, outcome}}, likewise tokens. */
    private Counter meter(RealmId realm, RealmCounter counter) {
        return meterCache.computeIfAbsent(realm.value() + "/" + counter.column(), key -> {
            String[] parts = counter.column().split("_", 2);
            return Counter.builder("enverify." + parts[0])
                    .description("Verification " + parts[0] + " by realm and outcome")
                    .tag("realm", realm.toString())
                    .tag("outcome", parts[1])
                    .register(meters);
        });
    }

    private static void afterCommit(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }

    /** Totals per day from {@code from} to {@code to} inclusive, days without activity left out. */
    public List<DailyRealmCounts> daily(RealmId realm, LocalDate from, LocalDate to) {
        flush();
        return jdbc.sql("""
                SELECT day, sum(codes_issued), sum(codes_claimed), sum(codes_invalid), sum(tokens_claimed), sum(tokens_invalid)
                FROM realm_daily_counters WHERE realm_id = ? AND day BETWEEN ? AND ?
                GROUP BY day ORDER BY day DESC""")
                .params(realm.value(), from, to)
                .query((rs, row) -> new DailyRealmCounts(
                        rs.getObject(1, LocalDate.class),
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getLong(6)))
                .list();
    }
}
