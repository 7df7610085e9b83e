package org.enverify.account;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class SecondFactorRepository {

    /** A stored TOTP secret (ciphertext) and whether its owner confirmed it. */
    record StoredTotp(byte[] secret, boolean confirmed) {}

    private final JdbcClient jdbc;

    SecondFactorRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Starts over an enrolment: a new unconfirmed secret replaces an unconfirmed one, never a confirmed one. */
    boolean savePendingTotp(long userId, byte[] secret, Instant now) {
        return jdbc.sql("""
                        INSERT INTO user_totp (user_id, secret, created_at) VALUES (?, ?, ?)
                        ON CONFLICT (user_id) DO UPDATE SET secret = excluded.secret, created_at = excluded.created_at,
                            last_used_step = NULL
                        WHERE user_totp.confirmed_at IS NULL""").params(userId, secret, Timestamp.from(now)).update() == 1;
    }

    Optional<StoredTotp> totp(long userId) {
        return jdbc.sql("SELECT secret, confirmed_at IS NOT NULL FROM user_totp WHERE user_id = ?")
                .param(userId)
                .query((rs, row) -> new StoredTotp(rs.getBytes(1), rs.getBoolean(2)))
                .optional();
    }

    boolean confirmTotp(long userId, long step, Instant now) {
        return jdbc.sql("""
                        UPDATE user_totp SET confirmed_at = ?, last_used_step = ?
                        WHERE user_id = ? AND confirmed_at IS NULL""").params(Timestamp.from(now), step, userId).update() == 1;
    }

    /** Records the step as used unless it, or a later one, already was: the update is the replay check. */
    boolean useTotpStep(long userId, long step) {
        return jdbc.sql("""
                        UPDATE user_totp SET last_used_step = ?
                        WHERE user_id = ? AND confirmed_at IS NOT NULL AND (last_used_step IS NULL OR last_used_step < ?)""").params(step, userId, step).update() == 1;
    }

    void deleteTotp(long userId) {
        jdbc.sql("DELETE FROM user_totp WHERE user_id = ?").param(userId).update();
    }

    void replaceRecoveryCodes(long userId, List<byte[]> hashes, Instant now) {
        deleteRecoveryCodes(userId);
        for (byte[] hash : hashes) {
            jdbc.sql("INSERT INTO user_recovery_codes (user_id, code_hash, created_at) VALUES (?, ?, ?)")
                    .params(userId, hash, Timestamp.from(now))
                    .update();
        }
    }

    void deleteRecoveryCodes(long userId) {
        jdbc.sql("DELETE FROM user_recovery_codes WHERE user_id = ?")
                .param(userId)
                .update();
    }

    boolean useRecoveryCode(long userId, byte[] hash, Instant now) {
        return jdbc.sql("""
                        UPDATE user_recovery_codes SET used_at = ?
                        WHERE user_id = ? AND code_hash = ? AND used_at IS NULL""").params(Timestamp.from(now), userId, hash).update() == 1;
    }

    int unusedRecoveryCodes(long userId) {
        return jdbc.sql("SELECT count(*) FROM user_recovery_codes WHERE user_id = ? AND used_at IS NULL")
                .param(userId)
                .query(Integer.class)
                .single();
    }

    boolean anySecondFactor(long userId) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM user_totp WHERE user_id = ? AND confirmed_at IS NOT NULL)
                            OR EXISTS (SELECT 1 FROM user_credentials c JOIN user_entities e ON e.id = c.user_entity_user_id
                                       WHERE e.user_id = ?)""").params(userId, userId).query(Boolean.class).single();
    }
}
