package org.enverify.signing;

import com.nimbusds.jose.crypto.ECDSASigner;
import java.security.KeyPair;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.enverify.platform.Refusal;
import org.enverify.platform.api.ErrorCode;
import org.enverify.platform.crypto.EcKeys;
import org.enverify.platform.crypto.SecretCipher;
import org.enverify.realm.RealmId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Certificate signing keys: the system's ({@code system_certificate_keys}) and each realm's own. */
@Repository
class CertificateKeyStore {

    static final int MAX_REALM_KEYS = 5;

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final Clock clock;

    CertificateKeyStore(JdbcClient jdbc, SecretCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
    }

    record LoadedSigner(String kid, ECDSASigner signer) {}

    static String realmKid(RealmId realm, long keyId) {
        return "r" + realm.value() + "v" + keyId;
    }

    // --- system key

    Optional<LoadedSigner> activeSystemSigner() {
        return jdbc.sql("SELECT kid, private_key_ciphertext FROM system_certificate_keys WHERE active")
                .query((rs, row) -> new LoadedSigner(
                        rs.getString(1),
                        Es256.signer(EcKeys.privateKey(cipher.decrypt(rs.getBytes(2), systemData(rs.getString(1)))))))
                .optional();
    }

    /** Makes {@code kid} the active system key, creating it first if it does not exist. */
    void ensureActiveSystemKey(String kid) {
        SigningLocks.lock(jdbc, "system_certificate_keys");
        boolean exists = jdbc.sql("SELECT count(*) FROM system_certificate_keys WHERE kid = ?")
                        .param(kid)
                        .query(Long.class)
                        .single()
                > 0;
        boolean active = jdbc.sql("SELECT count(*) FROM system_certificate_keys WHERE kid = ? AND active")
                        .param(kid)
                        .query(Long.class)
                        .single()
                > 0;
        if (active) {
            return;
        }
        jdbc.sql("UPDATE system_certificate_keys SET active = false WHERE active")
                .update();
        if (exists) {
            jdbc.sql("UPDATE system_certificate_keys SET active = true WHERE kid = ?")
                    .param(kid)
                    .update();
            return;
        }
        KeyPair pair = EcKeys.generateP256();
        jdbc.sql("""
                INSERT INTO system_certificate_keys (kid, private_key_ciphertext, public_key, active, created_at)
                VALUES (?, ?, ?, true, ?)""")
                .params(
                        kid,
                        cipher.encrypt(pair.getPrivate().getEncoded(), systemData(kid)),
                        pair.getPublic().getEncoded(),
                        Timestamp.from(clock.instant()))
                .update();
    }

    List<StoredKey> systemKeys() {
        return jdbc.sql(
                        "SELECT kid, public_key, active, created_at FROM system_certificate_keys ORDER BY created_at DESC, id DESC")
                .query((rs, row) -> new StoredKey(
                        rs.getString(1),
                        EcKeys.publicKey(rs.getBytes(2)),
                        rs.getBoolean(3),
                        rs.getTimestamp(4).toInstant()))
                .list();
    }

    // --- realm keys

    Optional<LoadedSigner> activeRealmSigner(RealmId realm) {
        return jdbc.sql("""
                SELECT id, private_key_ciphertext FROM realm_certificate_keys
                WHERE realm_id = ? AND active AND destroyed_at IS NULL""")
                .param(realm.value())
                .query((rs, row) -> {
                    String kid = realmKid(realm, rs.getLong(1));
                    byte[] pkcs8 = cipher.decrypt(rs.getBytes(2), realmData(realm, kid));
                    return new LoadedSigner(kid, Es256.signer(EcKeys.privateKey(pkcs8)));
                })
                .optional();
    }

    List<StoredKey> realmKeys(RealmId realm) {
        return jdbc.sql("""
                SELECT id, public_key, active, created_at FROM realm_certificate_keys
                WHERE realm_id = ? AND destroyed_at IS NULL ORDER BY created_at DESC, id DESC""")
                .param(realm.value())
                .query((rs, row) -> new StoredKey(
                        realmKid(realm, rs.getLong(1)),
                        EcKeys.publicKey(rs.getBytes(2)),
                        rs.getBoolean(3),
                        rs.getTimestamp(4).toInstant()))
                .list();
    }

    /**
     * Creates a realm key; the realm's first key becomes active at once.
     *
     * @throws Refusal when the realm has {@value #MAX_REALM_KEYS} keys already
     */
    RealmKeyRow createRealmKey(RealmId realm) {
        SigningLocks.lock(jdbc, "realm_certificate_keys:" + realm.value());
        List<StoredKey> existing = realmKeys(realm);
        if (existing.size() >= MAX_REALM_KEYS) {
            throw Refusal.of(
                            ErrorCode.UNPARSABLE_REQUEST,
                            "the realm has " + MAX_REALM_KEYS
                                    + " certificate keys, the most it may have; destroy one that no longer signs first")
                    .shown("keys.error.tooMany", MAX_REALM_KEYS);
        }
        boolean first = existing.stream().noneMatch(StoredKey::active);
        long id = jdbc.sql("SELECT nextval(pg_get_serial_sequence('realm_certificate_keys', 'id'))")
                .query(Long.class)
                .single();
        String kid = realmKid(realm, id);
        Timestamp now = Timestamp.from(clock.instant());
        KeyPair pair = EcKeys.generateP256();
        return jdbc.sql("""
                INSERT INTO realm_certificate_keys
                    (realm_id, id, private_key_ciphertext, public_key, active, created_at, activated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""" + " RETURNING " + REALM_KEY_ROW)
                .params(
                        realm.value(),
                        id,
                        cipher.encrypt(pair.getPrivate().getEncoded(), realmData(realm, kid)),
                        pair.getPublic().getEncoded(),
                        first,
                        now,
                        first ? now : null)
                .query(CertificateKeyStore::realmKeyRow)
                .single();
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    record RealmKeyRow(long id, boolean active, Instant createdAt, Instant activatedAt) {}

    private static final String REALM_KEY_ROW = "id, active, created_at, activated_at";

    private static RealmKeyRow realmKeyRow(ResultSet rs, int row) throws SQLException {
        Timestamp activated = rs.getTimestamp("activated_at");
        return new RealmKeyRow(
                rs.getLong("id"),
                rs.getBoolean("active"),
                rs.getTimestamp("created_at").toInstant(),
                activated == null ? null : activated.toInstant());
    }

    /** The realm's keys that are not destroyed, newest first. */
    List<RealmKeyRow> realmKeyRows(RealmId realm) {
        return jdbc.sql("SELECT " + REALM_KEY_ROW + " FROM realm_certificate_keys"
                        + " WHERE realm_id = ? AND destroyed_at IS NULL ORDER BY created_at DESC, id DESC")
                .param(realm.value())
                .query(CertificateKeyStore::realmKeyRow)
                .list();
    }

    /** Makes one key the realm's signing key; the others stay published but no longer sign. */
    void activate(RealmId realm, long keyId) {
        jdbc.sql("UPDATE realm_certificate_keys SET active = false WHERE realm_id = ? AND active")
                .param(realm.value())
                .update();
        int updated = jdbc.sql("""
                UPDATE realm_certificate_keys SET active = true, activated_at = ?
                WHERE realm_id = ? AND id = ? AND destroyed_at IS NULL""")
                .params(Timestamp.from(clock.instant()), realm.value(), keyId)
                .update();
        if (updated != 1) {
            throw new IllegalArgumentException("Realm " + realm + " has no key " + keyId);
        }
    }

    /** Withdraws a key: no longer published, its private half gone at the next purge. The active key is refused. */
    void destroy(RealmId realm, long keyId) {
        int updated = jdbc.sql("""
                UPDATE realm_certificate_keys SET destroyed_at = ?, private_key_ciphertext = ''::bytea
                WHERE realm_id = ? AND id = ? AND NOT active AND destroyed_at IS NULL""")
                .params(Timestamp.from(clock.instant()), realm.value(), keyId)
                .update();
        if (updated != 1) {
            throw new IllegalArgumentException("Realm " + realm + " has no inactive key " + keyId + " to destroy");
        }
    }

    long purgeDestroyed(Instant before) {
        return jdbc.sql("DELETE FROM realm_certificate_keys WHERE destroyed_at < ?")
                .param(Timestamp.from(before))
                .update();
    }

    private static String systemData(String kid) {
        return "system_certificate_keys.private_key:" + kid;
    }

    private static String realmData(RealmId realm, String kid) {
        return "realm_certificate_keys.private_key:" + realm.value() + ":" + kid;
    }
}
