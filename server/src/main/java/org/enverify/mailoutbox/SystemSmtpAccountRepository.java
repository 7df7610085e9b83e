package org.enverify.mailoutbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The system SMTP account as system administrators stored it; its password stays encrypted here. */
@Repository
class SystemSmtpAccountRepository {

    private static final String COLUMNS = "host, port, username, password_ciphertext, from_address, tls";

    private final JdbcClient jdbc;

    SystemSmtpAccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Empty until a system administrator stored the account: the environment's account applies. A stored
     * {@link StoredSmtp#NONE} means no SMTP.
     */
    Optional<StoredSmtp> find() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM system_smtp_account")
                .query(SystemSmtpAccountRepository::row)
                .optional();
    }

    /** The same, locked, so that two administrators' changes apply one after the other. */
    Optional<StoredSmtp> lock() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM system_smtp_account FOR UPDATE")
                .query(SystemSmtpAccountRepository::row)
                .optional();
    }

    void save(StoredSmtp account, Instant now) {
        jdbc.sql("INSERT INTO system_smtp_account (" + COLUMNS + ", updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (singleton) DO UPDATE SET host = excluded.host, port = excluded.port,"
                        + " username = excluded.username, password_ciphertext = excluded.password_ciphertext,"
                        + " from_address = excluded.from_address, tls = excluded.tls, updated_at = excluded.updated_at")
                .params(
                        account.host(),
                        account.port(),
                        account.username(),
                        account.passwordCiphertext(),
                        account.from(),
                        account.tls(),
                        Timestamp.from(now))
                .update();
    }

    private static StoredSmtp row(ResultSet rs, int number) throws SQLException {
        int port = rs.getInt("port");
        Integer storedPort = rs.wasNull() ? null : port;
        return new StoredSmtp(
                rs.getString("host"),
                storedPort,
                rs.getString("username"),
                rs.getBytes("password_ciphertext"),
                rs.getString("from_address"),
                rs.getString("tls"));
    }
}
