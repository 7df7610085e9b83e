package org.enverify.userreport;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.enverify.code.CodeClaims;
import org.enverify.code.ReportedPhones;
import org.enverify.events.Events;
import org.enverify.realm.RealmId;
import org.enverify.realm.TestType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** One row per phone number (by HMAC) that asked for a user-report code while it is pending or recent. */
@Repository
class UserReportRepository implements ReportedPhones {

    private static final String MARK_CLAIMED = "UPDATE user_reports SET claimed_at = :report_claimed_at FROM "
            + CodeClaims.CLAIMED_ROWS + " WHERE user_reports.realm_id = :report_realm AND user_reports.code_uuid = "
            + CodeClaims.CLAIMED_ROWS + ".uuid AND " + CodeClaims.CLAIMED_ROWS + ".test_type = :report_test_type";

    private final JdbcClient jdbc;

    UserReportRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean reported(RealmId realm, List<byte[]> phoneHmacs) {
        return jdbc.sql("SELECT count(*) FROM user_reports WHERE realm_id = :realm AND phone_hmac IN (:hmacs)")
                        .param("realm", realm.value())
                        .param("hmacs", phoneHmacs)
                        .query(Long.class)
                        .single()
                > 0;
    }

    @Override
    public boolean record(RealmId realm, byte[] phoneHmac, UUID codeUuid, boolean nonceRequired, Instant now) {
        return jdbc.sql("""
                INSERT INTO user_reports (realm_id, phone_hmac, code_uuid, nonce_required, created_at)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                        .params(realm.value(), phoneHmac, codeUuid, nonceRequired, Timestamp.from(now))
                        .update()
                == 1;
    }

    @Override
    public Events.Change markClaimed(RealmId realm, Instant now) {
        return new Events.Change(
                MARK_CLAIMED,
                Map.of(
                        "report_claimed_at", Timestamp.from(now),
                        "report_realm", realm.value(),
                        "report_test_type", TestType.USER_REPORT.apiName()));
    }

    /** Deletes the phone's report; its id and code, when it had one. */
    Optional<Purged> deleteByPhone(RealmId realm, List<byte[]> phoneHmacs) {
        return jdbc.sql("""
                        DELETE FROM user_reports WHERE realm_id = :realm AND phone_hmac IN (:hmacs)
                        RETURNING id, code_uuid""")
                .param("realm", realm.value())
                .param("hmacs", phoneHmacs)
                .query((rs, row) -> new Purged(rs.getLong(1), rs.getObject(2, UUID.class)))
                .optional();
    }

    record Purged(long id, UUID codeUuid) {}

    @Override
    public void forget(RealmId realm, UUID codeUuid) {
        jdbc.sql("DELETE FROM user_reports WHERE realm_id = ? AND code_uuid = ?")
                .params(realm.value(), codeUuid)
                .update();
    }
}
