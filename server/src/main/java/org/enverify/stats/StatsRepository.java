package org.enverify.stats;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.enverify.realm.RealmId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads the daily counters back, adding up the shards; days without activity have no row. */
@Repository
class StatsRepository {

    private static final String REALM_SUMS = "sum(codes_issued), sum(codes_claimed), sum(codes_invalid), "
            + "sum(tokens_claimed), sum(tokens_invalid), sum(" + RealmCounters.CLAIM_AGE_SUM + "), "
            + RealmCounters.CLAIM_AGE_COLUMNS.stream()
                    .map(column -> "sum(" + column + ")")
                    .collect(Collectors.joining(", "));

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

    record IssuerDay(LocalDate day, String issuerId, long codesIssued) {}

    List<IssuerDay> externalIssuerDays(RealmId realm, LocalDate from, LocalDate to) {
        counters.flush();
        return jdbc.sql("""
                SELECT day, issuer_id, sum(codes_issued) FROM external_issuer_daily_counters
                WHERE realm_id = ? AND day BETWEEN ? AND ?
                GROUP BY day, issuer_id""")
                .params(realm.value(), from, to)
                .query((rs, row) -> new IssuerDay(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getLong(3)))
                .list();
    }

    /** Codes each web UI user issued in the window, most first, named as their account is now. */
    List<Statistics.UserCount> userTotals(RealmId realm, LocalDate from, LocalDate to) {
        counters.flush();
        return jdbc.sql("""
                SELECT c.user_id, coalesce(u.name, '#' || c.user_id), sum(c.codes_issued)
                FROM user_daily_counters c LEFT JOIN users u ON u.id = c.user_id
                WHERE c.realm_id = ? AND c.day BETWEEN ? AND ?
                GROUP BY c.user_id, u.name ORDER BY 3 DESC, 1""")
                .params(realm.value(), from, to)
                .query((rs, row) -> new Statistics.UserCount(rs.getLong(1), rs.getString(2), rs.getLong(3)))
                .list();
    }

    private static Statistics.RealmDay realmDay(ResultSet rs, int row) throws SQLException {
        long claimed = rs.getLong(3);
        long ageSum = rs.getLong(7);
        List<Long> distribution = new ArrayList<>(RealmCounters.CLAIM_AGE_COLUMNS.size());
        for (int i = 0; i < RealmCounters.CLAIM_AGE_COLUMNS.size(); i++) {
            distribution.add(rs.getLong(8 + i));
        }
        return new Statistics.RealmDay(
                rs.getObject(1, LocalDate.class),
                rs.getLong(2),
                claimed,
                rs.getLong(4),
                rs.getLong(5),
                rs.getLong(6),
                claimed == 0 ? 0 : ageSum / claimed,
                List.copyOf(distribution));
    }
}
