package org.enverify.usagereport;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.enverify.platform.AcrossRealms;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class UsageReportRepository {

    private final JdbcClient jdbc;

    UsageReportRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @AcrossRealms("the installation's one pseudonym key")
    Optional<byte[]> pseudonymKey() {
        return jdbc.sql("SELECT secret_ciphertext FROM usage_report_key WHERE id = 1")
                .query(byte[].class)
                .optional();
    }

    /** Stores the key unless another worker stored one first; either way the stored one counts. */
    @AcrossRealms("the installation's one pseudonym key")
    void storePseudonymKeyIfAbsent(byte[] ciphertext, Instant now) {
        jdbc.sql("""
                INSERT INTO usage_report_key (id, secret_ciphertext, created_at) VALUES (1, ?, ?)
                ON CONFLICT (id) DO NOTHING""").params(ciphertext, Timestamp.from(now)).update();
    }

    @AcrossRealms("a day's report covers every realm")
    Optional<LocalDate> lastDaySent() {
        return jdbc.sql("SELECT max(day) FROM usage_report_days")
                .query((rs, row) -> Optional.ofNullable(rs.getObject(1, LocalDate.class)))
                .single();
    }

    @AcrossRealms("a day's report covers every realm")
    void recordSent(LocalDate day, int realms, Instant now) {
        jdbc.sql("""
                INSERT INTO usage_report_days (day, realms, sent_at) VALUES (?, ?, ?)
                ON CONFLICT (day) DO UPDATE SET realms = excluded.realms, sent_at = excluded.sent_at""").params(day, realms, Timestamp.from(now)).update();
    }
}
