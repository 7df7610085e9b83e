package org.enverify.signing;

import com.nimbusds.jose.crypto.ECDSASigner;
import java.security.KeyPair;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.enverify.platform.crypto.EcKeys;
import org.enverify.platform.crypto.SecretCipher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

@Repository
class TokenSigningKeyStore {

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final TransactionTemplate transactions;
    private final Clock clock;

    TokenSigningKeyStore(JdbcClient jdbc, SecretCipher cipher, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.transactions = transactions;
        this.clock = clock;
    }

    record ActiveSigner(String kid, ECDSASigner signer) {}

    ActiveSigner activeSigner() {
        return loadActive().orElseGet(() -> transactions.execute(status -> createFirst()));
    }

    Optional<StoredKey> publicKey(String kid) {
        UUID uuid;
        try {
            uuid = UUID.fromString(kid);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT kid, public_key, active, created_at FROM token_signing_keys WHERE kid = ?")
                .param(uuid)
                .query((rs, row) -> new StoredKey(
                        rs.getString(1),
                        EcKeys.publicKey(rs.getBytes(2)),
                        rs.getBoolean(3),
                        rs.getTimestamp(4).toInstant()))
                .optional();
    }

    private Optional<ActiveSigner> loadActive() {
        return jdbc.sql("SELECT kid, private_key_ciphertext FROM token_signing_keys WHERE active")
                .query((rs, row) -> {
                    String kid = rs.getString(1);
                    byte[] pkcs8 = cipher.decrypt(rs.getBytes(2), associatedData(kid));
                    return new ActiveSigner(kid, Es256.signer(EcKeys.privateKey(pkcs8)));
                })
                .optional();
    }

    private ActiveSigner createFirst() {
        SigningLocks.lock(jdbc, "token_signing_keys");
        return loadActive().orElseGet(() -> {
            insertActive();
            return loadActive().orElseThrow();
        });
    }

    /**
     * Replaces the active key when it is older than {@code maxAge}. The old key retires but stays,
     * so tokens it signed verify until they expire.
     *
     * @return the new key's kid, empty when the active key was young enough
     */
    Optional<String> rotateIfOlderThan(Duration maxAge) {
        SigningLocks.lock(jdbc, "token_signing_keys");
        Instant now = clock.instant();
        boolean stale = jdbc.sql("SELECT count(*) FROM token_signing_keys WHERE active AND created_at < ?")
                        .param(Timestamp.from(now.minus(maxAge)))
                        .query(Long.class)
                        .single()
                > 0;
        if (!stale) {
            return Optional.empty();
        }
        jdbc.sql("UPDATE token_signing_keys SET active = false, retired_at = ? WHERE active")
                .param(Timestamp.from(now))
                .update();
        return Optional.of(insertActive());
    }

    long purgeRetired(Instant before) {
        return jdbc.sql("DELETE FROM token_signing_keys WHERE NOT active AND retired_at < ?")
                .param(Timestamp.from(before))
                .update();
    }

    private String insertActive() {
        KeyPair pair = EcKeys.generateP256();
        String kid = UUID.randomUUID().toString();
        jdbc.sql("""
                INSERT INTO token_signing_keys (kid, private_key_ciphertext, public_key, active, created_at)
                VALUES (?, ?, ?, true, ?)""")
                .params(
                        UUID.fromString(kid),
                        cipher.encrypt(pair.getPrivate().getEncoded(), associatedData(kid)),
                        pair.getPublic().getEncoded(),
                        Timestamp.from(clock.instant()))
                .update();
        return kid;
    }

    private static String associatedData(String kid) {
        return "token_signing_keys.private_key:" + kid;
    }
}
