package org.enverify.sms;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.enverify.realm.RealmId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** How many SMS errors of each provider code a realm had per UTC day. */
@Repository
class SmsErrorRepository {

    private final JdbcClient jdbc;

    SmsErrorRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void count(RealmId realm, LocalDate day, String errorCode) {
        jdbc.sql("""
                INSERT INTO sms_error_days (realm_id, day, error_code, quantity) VALUES (?, ?, ?, 1)
                ON CONFLICT (realm_id, day, error_code) DO UPDATE SET quantity = sms_error_days.quantity + 1""").params(realm.value(), day, errorCode).update();
    }

    /** Error code to quantity on one day. */
    Map<String, Long> day(RealmId realm, LocalDate day) {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.sql("SELECT error_code, quantity FROM sms_error_days WHERE realm_id = ? AND day = ?")
                .params(realm.value(), day)
                .query(rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    List<SmsErrors.DayCount> days(RealmId realm, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        SELECT day, error_code, quantity FROM sms_error_days
                        WHERE realm_id = ? AND day BETWEEN ? AND ?""")
                .params(realm.value(), from, to)
                .query((rs, row) ->
                        new SmsErrors.DayCount(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getLong(3)))
                .list();
    }

    long total(RealmId realm, LocalDate day, Set<String> ignoredCodes) {
        return jdbc.sql("""
                        SELECT coalesce(sum(quantity), 0) FROM sms_error_days
                        WHERE realm_id = ? AND day = ? AND NOT (error_code = ANY (?))""")
                .params(realm.value(), day, ignoredCodes.toArray(String[]::new))
                .query(Long.class)
                .single();
    }
}
