package org.enverify.sms;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.enverify.realm.RealmId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class SmsKeyRepository {

    record Row(long id, byte[] privateKeyCiphertext, byte[] publicKey, boolean active, Instant disabledAt) {}

    private final JdbcClient jdbc;

    SmsKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(RealmId realm, byte[] privateKeyCiphertext, byte[] publicKey, Instant now) {
        return jdbc.sql("""
                INSERT INTO sms_signing_keys (realm_id, private_key_ciphertext, public_key, created_at)
                VALUES (?, ?, ?, ?) RETURNING id""")
                .params(realm.value(), privateKeyCiphertext, publicKey, Timestamp.from(now))
                .query(Long.class)
                .single();
    }

    void setPrivateKey(RealmId realm, long id, byte[] privateKeyCiphertext) {
        jdbc.sql("UPDATE sms_signing_keys SET private_key_ciphertext = ? WHERE realm_id = ? AND id = ?")
                .params(privateKeyCiphertext, realm.value(), id)
                .update();
    }

    List<Row> list(RealmId realm) {
        return jdbc.sql("""
                SELECT id, private_key_ciphertext, public_key, active, disabled_at FROM sms_signing_keys
                WHERE realm_id = ? ORDER BY id DESC""")
                .param(realm.value())
                .query((rs, n) -> new Row(
                        rs.getLong(1),
                        rs.getBytes(2),
                        rs.getBytes(3),
                        rs.getBoolean(4),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()))
                .list();
    }

    Optional<Row> active(RealmId realm) {
        return list(realm).stream().filter(Row::active).findFirst();
    }

    /** Makes {@code id} the one active key; false when the realm has no such enabled key. */
    boolean activate(RealmId realm, long id) {
        jdbc.sql("UPDATE sms_signing_keys SET active = false WHERE realm_id = ? AND active AND id <> ?")
                .params(realm.value(), id)
                .update();
        return jdbc.sql(
                                "UPDATE sms_signing_keys SET active = true WHERE realm_id = ? AND id = ? AND disabled_at IS NULL")
                        .params(realm.value(), id)
                        .update()
                > 0;
    }

    boolean disable(RealmId realm, long id, Instant now) {
        return jdbc.sql("""
                        UPDATE sms_signing_keys SET active = false, disabled_at = ?
                        WHERE realm_id = ? AND id = ? AND disabled_at IS NULL""").params(Timestamp.from(now), realm.value(), id).update() > 0;
    }
}
