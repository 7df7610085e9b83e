package org.enverify.code;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.enverify.realm.RealmId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code issue_receipts} rows: one per issue form a web UI user posted. */
@Repository
class IssueReceiptRepository {

    private final JdbcClient jdbc;

    IssueReceiptRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims the form for issuing, in a statement of its own; false when a post of this form claimed it before. */
    boolean claim(RealmId realm, long userId, UUID formId, Instant now) {
        return jdbc.sql("""
                INSERT INTO issue_receipts (realm_id, user_id, form_id, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT DO NOTHING""")
                        .params(realm.value(), userId, formId, Timestamp.from(now))
                        .update()
                == 1;
    }

    void complete(
            RealmId realm,
            long userId,
            UUID formId,
            UUID codeUuid,
            byte[] codeCiphertext,
            String testType,
            Instant expiresAt,
            String maskedPhone) {
        jdbc.sql("""
                UPDATE issue_receipts SET code_uuid = ?, code_ciphertext = ?, test_type = ?, expires_at = ?, masked_phone = ?
                WHERE realm_id = ? AND user_id = ? AND form_id = ?""")
                .params(
                        codeUuid,
                        codeCiphertext,
                        testType,
                        Timestamp.from(expiresAt),
                        maskedPhone,
                        realm.value(),
                        userId,
                        formId)
                .update();
    }

    /** Gives the form back after a refusal, so that the corrected form can be posted again. */
    void release(RealmId realm, long userId, UUID formId) {
        jdbc.sql("DELETE FROM issue_receipts WHERE realm_id = ? AND user_id = ? AND form_id = ?")
                .params(realm.value(), userId, formId)
                .update();
    }

    record Row(UUID codeUuid, byte[] codeCiphertext, String testType, Instant expiresAt, String maskedPhone) {}

    Optional<Row> find(RealmId realm, long userId, UUID formId) {
        return jdbc.sql("""
                SELECT code_uuid, code_ciphertext, test_type, expires_at, masked_phone FROM issue_receipts
                WHERE realm_id = ? AND user_id = ? AND form_id = ?""")
                .params(realm.value(), userId, formId)
                .query((rs, n) -> new Row(
                        rs.getObject(1, UUID.class),
                        rs.getBytes(2),
                        rs.getString(3),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(),
                        rs.getString(5)))
                .optional();
    }
}
