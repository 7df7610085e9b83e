package org.enverify.code.bulk;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.enverify.code.Issuer;
import org.enverify.platform.ListQuery;
import org.enverify.platform.Listing;
import org.enverify.realm.RealmId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class BulkIssueRepository {

    private final JdbcClient jdbc;

    BulkIssueRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<UUID> findByFile(RealmId realm, byte[] sha256) {
        return jdbc.sql("SELECT id FROM bulk_issues WHERE realm_id = ? AND file_sha256 = ?")
                .params(realm.value(), sha256)
                .query(UUID.class)
                .optional();
    }

    void insert(RealmId realm, UUID id, byte[] sha256, String fileName, Issuer issuer, int rows, Instant now) {
        jdbc.sql("""
                INSERT INTO bulk_issues (realm_id, id, file_sha256, file_name, api_key_id, user_id, oauth_subject, status,
                    total_rows, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?)""")
                .params(
                        realm.value(),
                        id,
                        sha256,
                        fileName,
                        issuer.apiKeyId(),
                        issuer.userId(),
                        issuer.oauthSubject(),
                        rows,
                        Timestamp.from(now))
                .update();
    }

    record NewRow(
            int line,
            UUID codeUuid,
            byte[] phoneCiphertext,
            String testType,
            String symptomDate,
            String testDate,
            String externalIssuerId) {}

    void insertRows(RealmId realm, UUID bulk, List<NewRow> rows) {
        for (int from = 0; from < rows.size(); from += 1000) {
            List<NewRow> chunk = rows.subList(from, Math.min(rows.size(), from + 1000));
            StringBuilder sql = new StringBuilder("""
                    INSERT INTO bulk_issue_rows (realm_id, bulk_id, line, code_uuid, phone_ciphertext, test_type,
                        symptom_date, test_date, external_issuer_id, status) VALUES """);
            List<Object> values = new ArrayList<>();
            for (NewRow row : chunk) {
                sql.append(values.isEmpty() ? "" : ",").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending')");
                values.addAll(Arrays.asList(
                        realm.value(),
                        bulk,
                        row.line(),
                        row.codeUuid(),
                        row.phoneCiphertext(),
                        row.testType(),
                        row.symptomDate(),
                        row.testDate(),
                        row.externalIssuerId()));
            }
            jdbc.sql(sql.toString()).params(values).update();
        }
    }

    record PendingRow(
            int line,
            UUID codeUuid,
            byte[] phoneCiphertext,
            String testType,
            String symptomDate,
            String testDate,
            String externalIssuerId) {}

    private static final String ROW_COLUMNS =
            "line, code_uuid, phone_ciphertext, test_type, symptom_date, test_date, external_issuer_id";

    List<PendingRow> pending(RealmId realm, UUID bulk, int limit) {
        return jdbc.sql(
                        "SELECT " + ROW_COLUMNS
                                + " FROM bulk_issue_rows WHERE realm_id = ? AND bulk_id = ? AND status = 'pending' ORDER BY line LIMIT ?")
                .params(realm.value(), bulk, limit)
                .query(BulkIssueRepository::row)
                .list();
    }

    /**
     * Marks a row done. An issued row's phone goes with it; a failed row keeps its phone (encrypted) for the retry
     * file, until the bulk issue is cleaned up.
     */
    void finishRow(RealmId realm, UUID bulk, int line, String status, String errorCode, String error) {
        jdbc.sql("""
                UPDATE bulk_issue_rows SET status = ?, error_code = ?, error = ?,
                       phone_ciphertext = CASE WHEN ? = 'failed' THEN phone_ciphertext END
                WHERE realm_id = ? AND bulk_id = ? AND line = ?""")
                .params(status, errorCode, error, status, realm.value(), bulk, line)
                .update();
    }

    /** The failed rows of a bulk issue, by line, with what is needed to issue them again. */
    List<PendingRow> failed(RealmId realm, UUID bulk) {
        return jdbc.sql(
                        "SELECT " + ROW_COLUMNS
                                + " FROM bulk_issue_rows WHERE realm_id = ? AND bulk_id = ? AND status = 'failed' ORDER BY line")
                .params(realm.value(), bulk)
                .query(BulkIssueRepository::row)
                .list();
    }

    private static PendingRow row(ResultSet rs, int rowNumber) throws SQLException {
        return new PendingRow(
                rs.getInt(1),
                rs.getObject(2, UUID.class),
                rs.getBytes(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7));
    }

    record FailedLine(int line, String errorCode) {}

    /** The lines that failed and why, by line, at most {@code limit}. */
    List<FailedLine> failedLines(RealmId realm, UUID bulk, int limit) {
        return jdbc.sql("""
                SELECT line, error_code FROM bulk_issue_rows
                WHERE realm_id = ? AND bulk_id = ? AND status = 'failed' ORDER BY line LIMIT ?""")
                .params(realm.value(), bulk, limit)
                .query((rs, n) -> new FailedLine(rs.getInt(1), rs.getString(2)))
                .list();
    }

    void setStatus(RealmId realm, UUID bulk, String status, Instant finishedAt) {
        jdbc.sql("UPDATE bulk_issues SET status = ?, finished_at = ? WHERE realm_id = ? AND id = ?")
                .params(status, finishedAt == null ? null : Timestamp.from(finishedAt), realm.value(), bulk)
                .update();
    }

    Optional<Issuer> issuer(RealmId realm, UUID bulk) {
        return jdbc.sql("SELECT api_key_id, user_id, oauth_subject FROM bulk_issues WHERE realm_id = ? AND id = ?")
                .params(realm.value(), bulk)
                .query((row, number) -> new Issuer(
                        row.getObject("api_key_id", Long.class),
                        row.getObject("user_id", Long.class),
                        row.getString("oauth_subject")))
                .optional();
    }

    List<UUID> recentByUser(RealmId realm, long userId, int limit) {
        return jdbc.sql(
                        "SELECT id FROM bulk_issues WHERE realm_id = ? AND user_id = ? ORDER BY created_at DESC LIMIT ?")
                .params(realm.value(), userId, limit)
                .query(UUID.class)
                .list();
    }

    /**
     * The bulk issues that {@code condition} (on {@code b}, the bulk issue) admits, their rows counted, by their
     * creation.
     *
     * @param direction {@code DESC} for the newest first, or {@code ASC}
     */
    private static String statuses(String condition, String direction) {
        return "SELECT b.id, b.file_name, b.status, b.total_rows,"
                + " count(*) FILTER (WHERE r.status = 'pending'), count(*) FILTER (WHERE r.status = 'issued'),"
                + " count(*) FILTER (WHERE r.status = 'failed'), b.created_at, b.finished_at"
                + " FROM bulk_issues b JOIN bulk_issue_rows r ON r.realm_id = b.realm_id AND r.bulk_id = b.id"
                + " WHERE " + condition
                + " GROUP BY b.id, b.file_name, b.status, b.total_rows, b.created_at, b.finished_at"
                + " ORDER BY b.created_at " + direction + ", b.id " + direction;
    }

    Optional<BulkStatus> status(RealmId realm, UUID bulk) {
        return jdbc.sql(statuses("b.realm_id = ? AND b.id = ?", "DESC"))
                .params(realm.value(), bulk)
                .query(BulkIssueRepository::status)
                .optional();
    }

    /** One page of the realm's bulk issues, sorted by {@code created_at}. */
    Listing<BulkStatus> list(RealmId realm, ListQuery query) {
        String direction = query.descending() ? "DESC" : "ASC";
        List<BulkStatus> page = jdbc.sql(statuses(
                        "(b.realm_id, b.id) IN (SELECT realm_id, id FROM bulk_issues WHERE realm_id = ?"
                                + " ORDER BY created_at " + direction + ", id " + direction + " LIMIT ? OFFSET ?)",
                        direction))
                .params(realm.value(), query.limit(), query.offset())
                .query(BulkIssueRepository::status)
                .list();
        long total = jdbc.sql("SELECT count(*) FROM bulk_issues WHERE realm_id = ?")
                .param(realm.value())
                .query(Long.class)
                .single();
        return new Listing<>(page, total);
    }

    private static BulkStatus status(ResultSet rs, int rowNumber) throws SQLException {
        return new BulkStatus(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getString(3),
                rs.getInt(4),
                rs.getInt(5),
                rs.getInt(6),
                rs.getInt(7),
                rs.getTimestamp(8).toInstant(),
                rs.getTimestamp(9) == null ? null : rs.getTimestamp(9).toInstant());
    }

    record ResultRow(int line, UUID codeUuid, String status, String errorCode, String error) {}

    void results(RealmId realm, UUID bulk, Consumer<ResultRow> each) {
        try (var rows = jdbc
                .sql("""
                SELECT line, code_uuid, status, error_code, error FROM bulk_issue_rows
                WHERE realm_id = ? AND bulk_id = ? ORDER BY line""")
                .params(realm.value(), bulk)
                .query((rs, n) -> new ResultRow(
                        rs.getInt(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4), rs.getString(5)))
                .stream()) {
            rows.forEach(each);
        }
    }
}
