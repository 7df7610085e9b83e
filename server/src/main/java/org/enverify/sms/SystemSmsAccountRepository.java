package org.enverify.sms;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The system Twilio account as system administrators stored it; its auth token stays encrypted here. */
@Repository
class SystemSmsAccountRepository {

    /** The stored account; both fields are null for an installation that stored "no system account". */
    record Row(String accountSid, byte[] authTokenCiphertext) {}

    private final JdbcClient jdbc;

    SystemSmsAccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Empty until a system administrator stored the account: the environment's account applies. */
    Optional<Row> find() {
        return jdbc.sql("SELECT twilio_account_sid, twilio_auth_token_ciphertext FROM system_sms_account")
                .query((rs, n) -> new Row(rs.getString(1), rs.getBytes(2)))
                .optional();
    }

    /** The locked row, so that two administrators' changes apply one after the other. */
    Optional<Row> lock() {
        return jdbc.sql("SELECT twilio_account_sid, twilio_auth_token_ciphertext FROM system_sms_account FOR UPDATE")
                .query((rs, n) -> new Row(rs.getString(1), rs.getBytes(2)))
                .optional();
    }

    void save(String accountSid, byte[] authTokenCiphertext, Instant now) {
        jdbc.sql("""
                INSERT INTO system_sms_account (twilio_account_sid, twilio_auth_token_ciphertext, updated_at)
                VALUES (?, ?, ?)
                ON CONFLICT (singleton) DO UPDATE SET twilio_account_sid = excluded.twilio_account_sid,
                    twilio_auth_token_ciphertext = excluded.twilio_auth_token_ciphertext,
                    updated_at = excluded.updated_at""")
                .params(accountSid, authTokenCiphertext, Timestamp.from(now))
                .update();
    }

    /** The sender numbers by label, in label order. */
    Map<String, String> senders() {
        Map<String, String> senders = new LinkedHashMap<>();
        jdbc.sql("SELECT label, sender FROM system_sms_senders ORDER BY label").query(rs -> {
            senders.put(rs.getString(1), rs.getString(2));
        });
        return senders;
    }

    void saveSender(String label, String sender, Instant now) {
        jdbc.sql("""
                INSERT INTO system_sms_senders (label, sender, updated_at) VALUES (?, ?, ?)
                ON CONFLICT (label) DO UPDATE SET sender = excluded.sender, updated_at = excluded.updated_at""").params(label, sender, Timestamp.from(now)).update();
    }

    boolean removeSender(String label) {
        return jdbc.sql("DELETE FROM system_sms_senders WHERE label = ?")
                        .param(label)
                        .update()
                == 1;
    }
}
