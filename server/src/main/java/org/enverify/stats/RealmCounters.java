package org.enverify.stats;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.enverify.realm.RealmId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts protocol events per realm and UTC day. An increment joins the caller's transaction, so a
 * count is never lost nor made for work that rolled back. Each increment lands on one of
 * {@value #SHARDS} rows chosen at random, so concurrent requests of one realm rarely wait on each
 * other's row lock; reads add the shards up.
 */
@Component
public class RealmCounters {

    static final int SHARDS = 16;

    private static final String INCREMENT = """
            INSERT INTO realm_daily_counters AS c (realm_id, day, shard, codes_issued, codes_claimed, codes_invalid,
                tokens_claimed, tokens_invalid)
            VALUES (:realm, :day, :shard, :codes_issued, :codes_claimed, :codes_invalid, :tokens_claimed, :tokens_invalid)
            ON CONFLICT (realm_id, day, shard) DO UPDATE SET
                codes_issued = c.codes_issued + excluded.codes_issued,
                codes_claimed = c.codes_claimed + excluded.codes_claimed,
                codes_invalid = c.codes_invalid + excluded.codes_invalid,
                tokens_claimed = c.tokens_claimed + excluded.tokens_claimed,
                tokens_invalid = c.tokens_invalid + excluded.tokens_invalid""";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final MeterRegistry meters;

    RealmCounters(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.meters = meters;
    }

    public void increment(RealmId realm, RealmCounter counter) {
        add(realm, Map.of(counter, 1L));
    }

    public void add(RealmId realm, Map<RealmCounter, Long> amounts) {
        Map<RealmCounter, Long> all = new EnumMap<>(RealmCounter.class);
        for (RealmCounter counter : RealmCounter.values()) {
            all.put(counter, amounts.getOrDefault(counter, 0L));
        }
        var statement = jdbc.sql(INCREMENT)
                .param("realm", realm.value())
                .param("day", LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC))
                .param("shard", ThreadLocalRandom.current().nextInt(SHARDS));
        for (var entry : all.entrySet()) {
            statement = statement.param(entry.getKey().column(), entry.getValue());
        }
        statement.update();
        afterCommit(
                () -> amounts.forEach((counter, amount) -> meter(realm, counter).increment(amount)));
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
