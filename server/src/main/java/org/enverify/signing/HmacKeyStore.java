package org.enverify.signing;

import java.sql.Timestamp;
import java.time.Clock;
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

    List<byte[]> secretsNewestFirst(HmacPurpose purpose) {
        List<byte[]> secrets = load(purpose);
        return secrets.isEmpty() ? transactions.execute(status -> createFirst(purpose)) : secrets;
    }

    private List<byte[]> load(HmacPurpose purpose) {
        return jdbc.sql("SELECT version, secret_ciphertext FROM hmac_keys WHERE purpose = ? ORDER BY version DESC")
                .param(purpose.column())
                .query((rs, row) -> cipher.decrypt(rs.getBytes(2), associatedData(purpose, rs.getInt(1))))
                .list();
    }

    private List<byte[]> createFirst(HmacPurpose purpose) {
        SigningLocks.lock(jdbc, "hmac_keys");
        List<byte[]> existing = load(purpose);
        if (!existing.isEmpty()) {
            return existing;
        }
        byte[] secret = CryptoProvider.randomBytes(SECRET_BYTES);
        jdbc.sql("INSERT INTO hmac_keys (purpose, version, secret_ciphertext, created_at) VALUES (?, 1, ?, ?)")
                .params(
                        purpose.column(),
                        cipher.encrypt(secret, associatedData(purpose, 1)),
                        Timestamp.from(clock.instant()))
                .update();
        return List.of(secret);
    }

    private static String associatedData(HmacPurpose purpose, int version) {
        return "hmac_keys.secret:" + purpose.column() + ":" + version;
    }
}
