package org.enverify.stats;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.enverify.realm.RealmId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts protocol events per realm, API key and external issuer for each UTC day. A count joins the
 * caller's transaction, so it is never lost nor made for work that rolled back, and it costs one
 * statement: the realm's row and the key's (and the issuer's) are upserted together. Each event
 * lands on one of {@value #SHARDS} rows per day chosen at random, so concurrent requests of one
 * realm or one key rarely wait on each other's row lock; reads add the shards up.
 */
@Component
public class RealmCounters {

    static final int SHARDS = 16;

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

    private static final List<String> REALM_COLUMNS = Stream.concat(
                    Stream.concat(Stream.of(RealmCounter.values()).map(RealmCounter::column), Stream.of(CLAIM_AGE_SUM)),
                    CLAIM_AGE_COLUMNS.stream())
            .toList();

    private static final String REALM_ROW =
            upsert("realm_daily_counters", List.of("realm_id", "day", "shard"), REALM_COLUMNS);

    private static final String API_KEY_ROW = upsert(
            "api_key_daily_counters",
            List.of("realm_id", "api_key_id", "day", "shard"),
            Stream.of(RealmCounter.values()).map(RealmCounter::column).toList());

    private static final String EXTERNAL_ISSUER_ROW = upsert(
            "external_issuer_daily_counters",
            List.of("realm_id", "day", "issuer_id", "shard"),
            List.of(RealmCounter.CODES_ISSUED.column()));

    private static final String REALM_AND_KEY = together(REALM_ROW, API_KEY_ROW);
    private static final String REALM_KEY_AND_ISSUER = together(REALM_ROW, API_KEY_ROW, EXTERNAL_ISSUER_ROW);
    private static final String REALM_AND_ISSUER = together(REALM_ROW, EXTERNAL_ISSUER_ROW);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final MeterRegistry meters;

    RealmCounters(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * @param apiKeyId the issuing key, or null when no key issued the code
     * @param externalIssuerId the caller's {@code externalIssuerID}, or null when it sent none
     */
    public void codeIssued(RealmId realm, Long apiKeyId, String externalIssuerId) {
        count(realm, apiKeyId, externalIssuerId, RealmCounter.CODES_ISSUED, Map.of());
    }

    /** @param age from the code's issue to this claim; it places the claim in the age histogram */
    public void codeClaimed(RealmId realm, long apiKeyId, Duration age) {
        Map<String, Long> ages = new HashMap<>();
        ages.put(CLAIM_AGE_SUM, Math.max(0, age.toSeconds()));
        for (int i = 0; i < CLAIM_AGE_BOUNDS.size(); i++) {
            if (age.compareTo(CLAIM_AGE_BOUNDS.get(i)) <= 0) {
                ages.put(CLAIM_AGE_COLUMNS.get(i), 1L);
                break;
            }
        }
        count(realm, apiKeyId, null, RealmCounter.CODES_CLAIMED, ages);
    }

    /** A refused verify that the statistics count: not a repeat of a successful one. */
    public void codeInvalid(RealmId realm, long apiKeyId) {
        count(realm, apiKeyId, null, RealmCounter.CODES_INVALID, Map.of());
    }

    public void tokenClaimed(RealmId realm, long apiKeyId) {
        count(realm, apiKeyId, null, RealmCounter.TOKENS_CLAIMED, Map.of());
    }

    /** A refused certificate that the statistics count: not a repeat of a successful one. */
    public void tokenInvalid(RealmId realm, long apiKeyId) {
        count(realm, apiKeyId, null, RealmCounter.TOKENS_INVALID, Map.of());
    }

    private void count(
            RealmId realm, Long apiKeyId, String externalIssuerId, RealmCounter counter, Map<String, Long> realmOnly) {
        Map<String, Object> params = new HashMap<>();
        REALM_COLUMNS.forEach(column -> params.put(column, 0L));
        params.putAll(realmOnly);
        params.put(counter.column(), 1L);
        params.put("realm_id", realm.value());
        params.put("day", LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        params.put("shard", ThreadLocalRandom.current().nextInt(SHARDS));
        params.put("api_key_id", apiKeyId);
        params.put("issuer_id", externalIssuerId);
        String sql;
        if (apiKeyId == null) {
            sql = externalIssuerId == null ? REALM_ROW : REALM_AND_ISSUER;
        } else {
            sql = externalIssuerId == null ? REALM_AND_KEY : REALM_KEY_AND_ISSUER;
        }
        jdbc.sql(sql).params(params).update();
        afterCommit(() -> meter(realm, counter).increment());
    }

    /** One statement: every upsert but the last runs as a data-modifying CTE, which always runs to completion. */
    private static String together(String... upserts) {
        List<String> ctes = new ArrayList<>();
        for (int i = 0; i < upserts.length - 1; i++) {
            ctes.add("row" + i + " AS (" + upserts[i] + ")");
        }
        return "WITH " + String.join(", ", ctes) + " " + upserts[upserts.length - 1];
    }

    private static String upsert(String table, List<String> key, List<String> counters) {
        List<String> columns = Stream.concat(key.stream(), counters.stream()).toList();
        return "INSERT INTO " + table + " AS c (" + String.join(", ", columns) + ") VALUES ("
                + columns.stream().map(column -> ":" + column).collect(Collectors.joining(", "))
                + ") ON CONFLICT (" + String.join(", ", key) + ") DO UPDATE SET "
                + counters.stream()
                        .map(column -> column + " = c." + column + " + excluded." + column)
                        .collect(Collectors.joining(", "));
    }

    /** The Prometheus view of the same counts: {@code enverify_codes_total{realm, outcome}}, likewise tokens. */
    private Counter meter(RealmId realm, RealmCounter counter) {
        String[] parts = counter.column().split("_", 2);
        return Counter.builder("enverify." + parts[0])
                .description("Verification " + parts[0] + " by realm and outcome")
                .tag("realm", realm.toString())
                .tag("outcome", parts[1])
                .register(meters);
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
