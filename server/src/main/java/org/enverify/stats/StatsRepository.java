package org.enverify.stats;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.enverify.realm.RealmId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads the daily counters back, adding up the shards; days without activity have no row. */
@Repository
class StatsRepository {

    private static final String REALM_SUMS = Stream.concat(
                    Stream.concat(
                            Stream.of(RealmCounter.values()).map(RealmCounter::column),
                            Stream.of(RealmCounters.CLAIM_AGE_SUM)),
                    RealmCounters.CLAIM_AGE_COLUMNS.stream())
            .map(column -> "sum(" + column + ") AS " + column)
            .collect(Collectors.joining(", "));

    /** A count of one name (an issuer id, a user id, an error code) on one day. */
    record NamedCount<K>(LocalDate day, K name, long count) {}

    private final JdbcClient jdbc;
    private final RealmCounters counters;

    StatsRepository(JdbcClient jdbc, RealmCounters counters) {
        this.jdbc = jdbc;
        this.counters = counters;
    }

    List<Statistics.RealmDay> realmDays(RealmId realm, LocalDate from, LocalDate to) {
        counters.flush();
        return jdbc.sql("SELECT day, " + REALM_SUMS
                        + " FROM realm_daily_counters WHERE realm_id = ? AND day BETWEEN ? AND ? GROUP BY day")
                .params(realm.value(), from, to)
                .query(StatsRepository::realmDay)
                .list();
    }

    List<Statistics.ApiKeyDay> apiKeyDays(RealmId realm, long apiKeyId, LocalDate from, LocalDate to) {
        counters.flush();
        return jdbc.sql("""
                SELECT day, sum(codes_issued), sum(codes_claimed), sum(codes_invalid), sum(tokens_claimed), sum(tokens_invalid)
                FROM api_key_daily_counters WHERE realm_id = ? AND api_key_id = ? AND day BETWEEN ? AND ?
                GROUP BY day""")
                .params(realm.value(), apiKeyId, from, to)
                .query((rs, row) -> new Statistics.ApiKeyDay(
                        rs.getObject(1, LocalDate.class),
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getLong(6)))
                .list();
    }

    /** Each key's last day with a row: counters have rows only for days with activity. */
    Map<Long, LocalDate> lastApiKeyDays(RealmId realm, Collection<Long> keyIds) {
        counters.flush();
        return jdbc
                .sql("SELECT api_key_id, max(day) FROM api_key_daily_counters WHERE realm_id = :realm"
                        + " AND api_key_id IN (:keys) GROUP BY api_key_id")
                .param("realm", realm.value())
                .param("keys", List.copyOf(keyIds))
                .query((rs, row) -> Map.entry(rs.getLong(1), rs.getObject(2, LocalDate.class)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    List<NamedCount<String>> externalIssuerDays(RealmId realm, LocalDate from, LocalDate to) {
        counters.flush();
        return jdbc.sql("""
                SELECT day, issuer_id, sum(codes_issued) FROM external_issuer_daily_counters
                WHERE realm_id = ? AND day BETWEEN ? AND ?
                GROUP BY day, issuer_id""")
                .params(realm.value(), from, to)
                .query((rs, row) -> new NamedCount<>(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getLong(3)))
                .list();
    }

    /** Codes issued per web UI user and day. */
    List<NamedCount<Long>> userDays(RealmId realm, LocalDate from, LocalDate to) {
        counters.flush();
        return jdbc.sql("""
                SELECT day, user_id, sum(codes_issued) FROM user_daily_counters
                WHERE realm_id = ? AND day BETWEEN ? AND ?
                GROUP BY day, user_id""")
                .params(realm.value(), from, to)
                .query((rs, row) -> new NamedCount<>(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getLong(3)))
                .list();
    }

    List<Statistics.UserDay> userCodesIssued(RealmId realm, long userId, LocalDate from, LocalDate to) {
        counters.flush();
        return jdbc.sql("""
                SELECT day, sum(codes_issued) FROM user_daily_counters
                WHERE realm_id = ? AND user_id = ? AND day BETWEEN ? AND ?
                GROUP BY day""")
                .params(realm.value(), userId, from, to)
                .query((rs, row) -> new Statistics.UserDay(rs.getObject(1, LocalDate.class), rs.getLong(2)))
                .list();
    }

    /** Every realm but the excluded ones, per day with activity, newest first. */
    List<SystemStatistics.Day> systemDays(Set<RealmId> excluded, LocalDate from, LocalDate to) {
        counters.flush();
        return jdbc.sql("""
                SELECT day, count(DISTINCT realm_id), sum(codes_issued), sum(codes_claimed) FROM realm_daily_counters
                WHERE day BETWEEN ? AND ? AND NOT (realm_id = ANY (?))
                GROUP BY day ORDER BY day DESC""")
                .params(from, to, excluded.stream().map(RealmId::value).toArray(Long[]::new))
                .query((rs, row) -> new SystemStatistics.Day(
                        rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .list();
    }

    private static Statistics.RealmDay realmDay(ResultSet rs, int row) throws SQLException {
        long claimed = count(rs, RealmCounter.CODES_CLAIMED);
        long ageSum = rs.getLong(RealmCounters.CLAIM_AGE_SUM);
        List<Long> distribution = new ArrayList<>(RealmCounters.CLAIM_AGE_COLUMNS.size());
        for (String column : RealmCounters.CLAIM_AGE_COLUMNS) {
            distribution.add(rs.getLong(column));
        }
        return new Statistics.RealmDay(
                rs.getObject("day", LocalDate.class),
                count(rs, RealmCounter.CODES_ISSUED),
                claimed,
                count(rs, RealmCounter.CODES_INVALID),
                new Statistics.OsCounts(
                        count(rs, RealmCounter.CODES_INVALID_UNKNOWN_OS),
                        count(rs, RealmCounter.CODES_INVALID_IOS),
                        count(rs, RealmCounter.CODES_INVALID_ANDROID)),
                count(rs, RealmCounter.USER_REPORTS_ISSUED),
                count(rs, RealmCounter.USER_REPORTS_CLAIMED),
                count(rs, RealmCounter.USER_REPORTS_INVALID_NONCE),
                new Statistics.OsCounts(
                        count(rs, RealmCounter.USER_REPORTS_INVALID_NONCE_UNKNOWN_OS),
                        count(rs, RealmCounter.USER_REPORTS_INVALID_NONCE_IOS),
                        count(rs, RealmCounter.USER_REPORTS_INVALID_NONCE_ANDROID)),
                count(rs, RealmCounter.TOKENS_CLAIMED),
                count(rs, RealmCounter.TOKENS_INVALID),
                count(rs, RealmCounter.USER_REPORT_TOKENS_CLAIMED),
                claimed == 0 ? 0 : ageSum / claimed,
                List.copyOf(distribution),
                count(rs, RealmCounter.SMS_SENT));
    }

    private static long count(ResultSet rs, RealmCounter counter) throws SQLException {
        return rs.getLong(counter.column());
    }
}
