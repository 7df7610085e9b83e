package org.enverify.mailoutbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.enverify.realm.RealmId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** How each realm's mails leave; a realm's SMTP password stays encrypted here. */
@Repository
class RealmMailConfigRepository {

    /**
     * A realm's row.
     *
     * @param kind {@code smtp} (the realm's own account) or {@code system} (the system account with the realm's texts)
     * @param smtp the realm's own account; {@link StoredSmtp#NONE} for {@code system}
     */
    record Row(String kind, StoredSmtp smtp) {}

    private final JdbcClient jdbc;

    RealmMailConfigRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Row> find(RealmId realm) {
        return jdbc.sql("SELECT kind, smtp_host, smtp_port, smtp_username, smtp_password_ciphertext, from_address, tls"
                        + " FROM realm_mail_configs WHERE realm_id = ?")
                .param(realm.value())
                .query(RealmMailConfigRepository::row)
                .optional();
    }

    void save(RealmId realm, Row row, Instant now) {
        jdbc.sql("""
                INSERT INTO realm_mail_configs (realm_id, kind, smtp_host, smtp_port, smtp_username,
                    smtp_password_ciphertext, from_address, tls, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (realm_id) DO UPDATE SET kind = excluded.kind, smtp_host = excluded.smtp_host,
                    smtp_port = excluded.smtp_port, smtp_username = excluded.smtp_username,
                    smtp_password_ciphertext = excluded.smtp_password_ciphertext,
                    from_address = excluded.from_address, tls = excluded.tls, updated_at = excluded.updated_at""")
                .params(
                        realm.value(),
                        row.kind(),
                        row.smtp().host(),
                        row.smtp().port(),
                        row.smtp().username(),
                        row.smtp().passwordCiphertext(),
                        row.smtp().from(),
                        row.smtp().tls(),
                        Timestamp.from(now))
                .update();
    }

    void delete(RealmId realm) {
        jdbc.sql("DELETE FROM realm_mail_configs WHERE realm_id = ?")
                .param(realm.value())
                .update();
    }

    private static Row row(ResultSet rs, int number) throws SQLException {
        int port = rs.getInt("smtp_port");
        Integer storedPort = rs.wasNull() ? null : port;
        return new Row(
                rs.getString("kind"),
                new StoredSmtp(
                        rs.getString("smtp_host"),
                        storedPort,
                        rs.getString("smtp_username"),
                        rs.getBytes("smtp_password_ciphertext"),
                        rs.getString("from_address"),
                        rs.getString("tls")));
    }
}
