package org.enverify.sms;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.enverify.platform.AcrossRealms;
import org.enverify.realm.RealmId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class SmsConfigRepository {

    /** A realm's SMS row; the auth token and the webhook secret stay encrypted here. */
    record Row(
            String kind,
            String accountSid,
            byte[] authTokenCiphertext,
            String fromNumber,
            String userReportFromNumber,
            String webhookUrl,
            byte[] webhookSecretCiphertext) {}

    private final JdbcClient jdbc;

    SmsConfigRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Row> find(RealmId realm) {
        return jdbc.sql("""
                SELECT kind, twilio_account_sid, twilio_auth_token_ciphertext, from_number, user_report_from_number,
                    user_report_webhook_url, user_report_webhook_secret_ciphertext
                FROM realm_sms_configs WHERE realm_id = ?""")
                .param(realm.value())
                .query((rs, n) -> new Row(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getBytes(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getBytes(7)))
                .optional();
    }

    void saveSender(
            RealmId realm,
            String kind,
            String accountSid,
            byte[] authTokenCiphertext,
            String from,
            String userReportFrom,
            Instant now) {
        jdbc.sql("""
                INSERT INTO realm_sms_configs (realm_id, kind, twilio_account_sid, twilio_auth_token_ciphertext,
                    from_number, user_report_from_number, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (realm_id) DO UPDATE SET kind = excluded.kind,
                    twilio_account_sid = excluded.twilio_account_sid,
                    twilio_auth_token_ciphertext = excluded.twilio_auth_token_ciphertext,
                    from_number = excluded.from_number, user_report_from_number = excluded.user_report_from_number,
                    updated_at = excluded.updated_at""")
                .params(realm.value(), kind, accountSid, authTokenCiphertext, from, userReportFrom, Timestamp.from(now))
                .update();
    }

    @AcrossRealms("a sender number of the system account is shared by every realm that chose it")
    long realmsSendingFromSystemSender(String label) {
        return jdbc.sql("SELECT count(*) FROM realm_sms_configs WHERE kind = 'system' AND from_number = ?")
                .param(label)
                .query(Long.class)
                .single();
    }

    void saveReportWebhook(RealmId realm, String url, byte[] secretCiphertext, Instant now) {
        jdbc.sql("""
                INSERT INTO realm_sms_configs (realm_id, user_report_webhook_url, user_report_webhook_secret_ciphertext,
                    updated_at)
                VALUES (?, ?, ?, ?)
                ON CONFLICT (realm_id) DO UPDATE SET user_report_webhook_url = excluded.user_report_webhook_url,
                    user_report_webhook_secret_ciphertext = excluded.user_report_webhook_secret_ciphertext,
                    updated_at = excluded.updated_at""")
                .params(realm.value(), url, secretCiphertext, Timestamp.from(now))
                .update();
    }
}
