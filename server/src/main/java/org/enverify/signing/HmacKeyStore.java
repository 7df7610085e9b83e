package org.enverify.signing;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.enverify.platform.crypto.CryptoProvider;
import org.enverify.platform.crypto.SecretCipher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

@Repository
class HmacKeyStore {

    private static final int SECRET_BYTES = 64;

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final TransactionTemplate transactions;
    private final Clock clock;

    HmacKeyStore(JdbcClient jdbc, SecretCipher cipher, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** A key version: written with from {@code activeFrom}, looked up with until it retires. */
    record Version(int version, byte[] secret, Instant createdAt, Instant activeFrom) {}

    /** The versions still used for lookups, newest first; the first start creates version 1. */
    List<Version> liveVersions(HmacPurpose purpose) {
        List<Version> versions = load(purpose);
        return versions.isEmpty() ? transactions.execute(status -> createFirst(purpose)) : versions;
    }

    private List<Version> load(HmacPurpose purpose) {
        return jdbc.sql("""
                SELECT version, secret_ciphertext, created_at, active_from FROM hmac_keys
                WHERE purpose = ? AND retired_at IS NULL ORDER BY version DESC""")
                .param(purpose.column())
                .query((rs, row) -> new Version(
                        rs.getInt(1),
                        cipher.decrypt(rs.getBytes(2), associatedData(purpose, rs.getInt(1))),
                        rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4).toInstant()))
                .list();
    }

    private List<Version> createFirst(HmacPurpose purpose) {
        SigningLocks.lock(jdbc, "hmac_keys");
        List<Version> existing = load(purpose);
        if (!existing.isEmpty()) {
            return existing;
        }
        insert(purpose, 1, clock.instant());
        return load(purpose);
    }

    /**
     * Adds a version when the newest is older than {@code minAge}, usable for writing after
     * {@code activationDelay}; retires versions older than {@code maxAge} (never the only usable one).
     *
     * @return what changed, for the rotation summary
     */
    String rotate(HmacPurpose purpose, Duration minAge, Duration maxAge, Duration activationDelay) {
        SigningLocks.lock(jdbc, "hmac_keys");
        Instant now = clock.instant();
        List<Version> live = load(purpose);
        StringBuilder changes = new StringBuilder();
        if (live.isEmpty() || live.getFirst().createdAt().plus(minAge).isBefore(now)) {
            int next = jdbc.sql("SELECT coalesce(max(version), 0) + 1 FROM hmac_keys WHERE purpose = ?")
                    .param(purpose.column())
                    .query(Integer.class)
                    .single();
            insert(purpose, next, live.isEmpty() ? now : now.plus(activationDelay));
            changes.append("new version ").append(next);
        }
        if (maxAge != null) {
            int retired = jdbc.sql("""
                    UPDATE hmac_keys SET retired_at = :now
                    WHERE purpose = :purpose AND retired_at IS NULL AND created_at < :cutoff
                      AND version < (SELECT max(version) FROM hmac_keys WHERE purpose = :purpose AND active_from <= :now)""")
                    .param("now", Timestamp.from(now))
                    .param("purpose", purpose.column())
                    .param("cutoff", Timestamp.from(now.minus(maxAge)))
                    .update();
            if (retired > 0) {
                changes.append(changes.isEmpty() ? "" : ", ").append(retired).append(" retired");
            }
        }
        return changes.isEmpty() ? "unchanged" : changes.toString();
    }

    long purgeRetired(Instant before) {
        return jdbc.sql("DELETE FROM hmac_keys WHERE retired_at < ?")
                .param(Timestamp.from(before))
                .update();
    }

    private void insert(HmacPurpose purpose, int version, Instant activeFrom) {
        byte[] secret = CryptoProvider.randomBytes(SECRET_BYTES);
        jdbc.sql("""
                INSERT INTO hmac_keys (purpose, version, secret_ciphertext, created_at, active_from)
                VALUES (?, ?, ?, ?, ?)""")
                .params(
                        purpose.column(),
                        version,
                        cipher.encrypt(secret, associatedData(purpose, version)),
                        Timestamp.from(clock.instant()),
                        Timestamp.from(activeFrom))
                .update();
    }

    private static String associatedData(HmacPurpose purpose, int version) {
        return "hmac_keys.secret:" + purpose.column() + ":" + version;
    }
}
