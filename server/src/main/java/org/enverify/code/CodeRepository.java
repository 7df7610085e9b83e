package org.enverify.code;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;
import org.enverify.events.Events;
import org.enverify.platform.ListQuery;
import org.enverify.platform.Listing;
import org.enverify.realm.RealmId;
import org.enverify.realm.TestType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class CodeRepository {

    private static final String INSERT = """
            INSERT INTO verification_codes (realm_id, uuid, code_hmac, long_code_hmac, test_type, symptom_date,
                test_date, expires_at, long_expires_at, issuing_api_key_id, issuing_user_id, issuing_oauth_subject,
                issuing_external_id, nonce_sha256, created_at)
            VALUES """;

    private final JdbcClient jdbc;

    CodeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record NewCode(
            RealmId realm,
            UUID uuid,
            byte[] codeHmac,
            byte[] longCodeHmac,
            TestType testType,
            LocalDate symptomDate,
            LocalDate testDate,
            Instant expiresAt,
            Instant longExpiresAt,
            Long issuingApiKeyId,
            Long issuingUserId,
            String issuingOauthSubject,
            String issuingExternalId,
            byte[] nonceSha256,
            Instant createdAt) {}

    /** Inserts the code unless its uuid, short code or long code collides with a stored one. */
    boolean insertUnlessTaken(NewCode code) {
        return !insertAllUnlessTaken(List.of(code)).isEmpty();
    }

    /**
     * Inserts the codes with one statement, leaving out those whose uuid, short code or long code
     * collides with a stored one.
     *
     * @return the uuids of the codes inserted
     */
    Set<UUID> insertAllUnlessTaken(List<NewCode> codes) {
        StringBuilder sql = new StringBuilder(INSERT);
        List<Object> params = new ArrayList<>(codes.size() * 15);
        for (NewCode code : codes) {
            sql.append(params.isEmpty() ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            params.addAll(columnValues(code));
        }
        sql.append(" ON CONFLICT DO NOTHING RETURNING uuid");
        return new HashSet<>(jdbc.sql(sql.toString())
                .params(params)
                .query((rs, row) -> rs.getObject(1, UUID.class))
                .list());
    }

    /**
     * The insert of one code, for {@link org.enverify.events.Events#recordFor} to run with its event; it changes
     * no row when the uuid, short code or long code collides with a stored one.
     */
    Events.Change insertionUnlessTaken(NewCode code) {
        List<Object> values = columnValues(code);
        Map<String, Object> params = new HashMap<>();
        StringJoiner placeholders = new StringJoiner(", ", "(", ")");
        for (int i = 0; i < values.size(); i++) {
            params.put("code_" + i, values.get(i));
            placeholders.add(":code_" + i);
        }
        return new Events.Change(INSERT + placeholders + " ON CONFLICT DO NOTHING", params);
    }

    /** A code's values in the order of {@link #INSERT}'s columns. */
    private static List<Object> columnValues(NewCode code) {
        return Arrays.asList(
                code.realm().value(),
                code.uuid(),
                code.codeHmac(),
                code.longCodeHmac(),
                code.testType().apiName(),
                code.symptomDate(),
                code.testDate(),
                Timestamp.from(code.expiresAt()),
                Timestamp.from(code.longExpiresAt()),
                code.issuingApiKeyId(),
                code.issuingUserId(),
                code.issuingOauthSubject(),
                code.issuingExternalId(),
                code.nonceSha256(),
                Timestamp.from(code.createdAt()));
    }

    /** Removes codes the people never received. */
    void deleteAll(RealmId realm, Collection<UUID> uuids) {
        List<Object> params = new ArrayList<>(uuids.size() + 1);
        params.add(realm.value());
        params.addAll(uuids);
        jdbc.sql("DELETE FROM verification_codes WHERE realm_id = ? AND uuid IN ("
                        + String.join(", ", Collections.nCopies(uuids.size(), "?")) + ")")
                .params(params)
                .update();
    }

    /** Removes a code the person never received. */
    void delete(RealmId realm, UUID uuid) {
        jdbc.sql("DELETE FROM verification_codes WHERE realm_id = ? AND uuid = ?")
                .params(realm.value(), uuid)
                .update();
    }

    boolean uuidTaken(RealmId realm, UUID uuid) {
        return jdbc.sql("SELECT count(*) FROM verification_codes WHERE realm_id = ? AND uuid = ?")
                        .params(realm.value(), uuid)
                        .query(Long.class)
                        .single()
                > 0;
    }

    Optional<CodeStatus> status(RealmId realm, UUID uuid, boolean forUpdate) {
        return jdbc.sql(
                        "SELECT uuid, claimed_at, expires_at, long_expires_at FROM verification_codes WHERE realm_id = ? AND uuid = ?"
                                + (forUpdate ? " FOR UPDATE" : ""))
                .params(realm.value(), uuid)
                .query(CodeRepository::mapStatus)
                .optional();
    }

    Optional<CodeDetails> details(RealmId realm, UUID uuid) {
        return jdbc.sql("""
                SELECT uuid, test_type, issuing_user_id, issuing_api_key_id, issuing_oauth_subject, issuing_external_id,
                       created_at, claimed_at, expires_at, long_expires_at
                FROM verification_codes WHERE realm_id = ? AND uuid = ?""")
                .params(realm.value(), uuid)
                .query((rs, n) -> new CodeDetails(
                        rs.getObject("uuid", UUID.class),
                        TestType.fromApiName(rs.getString("test_type")).orElseThrow(),
                        rs.getObject("issuing_user_id", Long.class),
                        rs.getObject("issuing_api_key_id", Long.class),
                        rs.getString("issuing_oauth_subject"),
                        rs.getString("issuing_external_id"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("claimed_at") == null
                                ? null
                                : rs.getTimestamp("claimed_at").toInstant(),
                        rs.getTimestamp("expires_at").toInstant(),
                        rs.getTimestamp("long_expires_at").toInstant()))
                .optional();
    }

    private static final String SUMMARY_COLUMNS =
            "uuid, test_type, created_at, expires_at, long_expires_at, claimed_at";

    List<IssuedCodeSummary> issuedByUser(RealmId realm, long userId, Instant since, int limit) {
        return jdbc.sql(
                        "SELECT " + SUMMARY_COLUMNS + " FROM verification_codes"
                                + " WHERE realm_id = ? AND issuing_user_id = ? AND created_at >= ? ORDER BY created_at DESC LIMIT ?")
                .params(realm.value(), userId, Timestamp.from(since), limit)
                .query(CodeRepository::summary)
                .list();
    }

    /** One page of the codes a management API caller issued since {@code since}, by their creation. */
    Listing<IssuedCodeSummary> issuedByOauthSubject(RealmId realm, String subject, Instant since, ListQuery query) {
        String direction = query.descending() ? " DESC" : " ASC";
        List<IssuedCodeSummary> page = jdbc.sql("SELECT " + SUMMARY_COLUMNS + " FROM verification_codes"
                        + " WHERE realm_id = ? AND issuing_oauth_subject = ? AND created_at >= ?"
                        + " ORDER BY created_at" + direction + ", uuid" + direction + " LIMIT ? OFFSET ?")
                .params(realm.value(), subject, Timestamp.from(since), query.limit(), query.offset())
                .query(CodeRepository::summary)
                .list();
        long total = jdbc.sql("""
                SELECT count(*) FROM verification_codes
                WHERE realm_id = ? AND issuing_oauth_subject = ? AND created_at >= ?""")
                .params(realm.value(), subject, Timestamp.from(since))
                .query(Long.class)
                .single();
        return new Listing<>(page, total);
    }

    private static IssuedCodeSummary summary(ResultSet row, int number) throws SQLException {
        return new IssuedCodeSummary(
                row.getObject("uuid", UUID.class),
                row.getString("test_type"),
                row.getTimestamp("created_at").toInstant(),
                row.getTimestamp("expires_at").toInstant(),
                row.getTimestamp("long_expires_at").toInstant(),
                row.getTimestamp("claimed_at") != null);
    }

    void expire(RealmId realm, UUID uuid, Instant now) {
        Timestamp at = Timestamp.from(now);
        jdbc.sql("""
                UPDATE verification_codes SET expires_at = LEAST(expires_at, ?), long_expires_at = LEAST(long_expires_at, ?)
                WHERE realm_id = ? AND uuid = ?""").params(at, at, realm.value(), uuid).update();
    }

    record ClaimedRow(UUID uuid, TestType testType, LocalDate symptomDate, LocalDate testDate, Instant createdAt) {}

    /**
     * What a claim found: the row it claimed, or none; and, claiming none, whether the realm holds the code
     * at all, as the claim's statement saw the table.
     */
    record ClaimAttempt(Optional<ClaimedRow> claimed, boolean codeStored) {

        static final ClaimAttempt NO_SUCH_CODE = new ClaimAttempt(Optional.empty(), false);
        static final ClaimAttempt NOT_CLAIMABLE = new ClaimAttempt(Optional.empty(), true);
    }

    private static final String CLAIMED_COLUMNS = "uuid, test_type, symptom_date, test_date, created_at";

    /**
     * Claims a live, unclaimed code of an accepted type, atomically; empty when there is none. A code
     * issued for a nonce is claimed only with the SHA-256 of that nonce ({@code nonceSha256}, empty for none).
     * The changes {@code alongside} run in the same statement, after the claim: each is a data-modifying
     * query that reads the claimed row from {@value CodeClaims#CLAIMED_ROWS}, so they commit with the claim or
     * not at all.
     *
     * <p>The code is found through the two HMAC indexes, one branch each: written as one condition
     * with OR, the planner scans the realm's whole primary key instead whenever its statistics do
     * not know the realm yet (a new realm, or one added since the last ANALYZE), at a cost that grows
     * with the realm's codes. The outer conditions are checked again on the row it locks, so of
     * concurrent claims one wins and a code expired meanwhile is not claimed.
     *
     * <p>Claiming nothing, the same statement tells whether the realm holds the code at all, so that the
     * commonest refusal, a code that does not exist, needs no second round trip to be explained.
     */
    ClaimAttempt claim(
            RealmId realm,
            List<byte[]> hmacs,
            List<String> acceptedTypes,
            byte[] nonceSha256,
            Instant now,
            List<Events.Change> alongside) {
        StringBuilder sql =
                new StringBuilder("WITH " + CodeClaims.CLAIMED_ROWS + " AS (" + """
                UPDATE verification_codes SET claimed_at = :now
                WHERE (realm_id, uuid) IN (
                    SELECT realm_id, uuid FROM verification_codes
                    WHERE realm_id = :realm AND code_hmac IN (:hmacs) AND expires_at > :now
                    UNION ALL
                    SELECT realm_id, uuid FROM verification_codes
                    WHERE realm_id = :realm AND long_code_hmac IN (:hmacs) AND long_expires_at > :now)
                  AND claimed_at IS NULL AND test_type IN (:types)
                  AND (nonce_sha256 IS NULL OR nonce_sha256 = :nonce)
                  AND ((code_hmac IN (:hmacs) AND expires_at > :now) OR (long_code_hmac IN (:hmacs) AND long_expires_at > :now))
                RETURNING""" + " " + CLAIMED_COLUMNS + ")");
        Map<String, Object> params = new HashMap<>();
        for (int i = 0; i < alongside.size(); i++) {
            sql.append(", alongside_")
                    .append(i)
                    .append(" AS (")
                    .append(alongside.get(i).sql())
                    .append(')');
            params.putAll(alongside.get(i).params());
        }
        sql.append(" SELECT ").append(CLAIMED_COLUMNS).append(" FROM ").append(CodeClaims.CLAIMED_ROWS);
        // a row of nulls when nothing was claimed and the realm holds no such code
        sql.append(" UNION ALL SELECT NULL, NULL, NULL, NULL, NULL WHERE NOT EXISTS (SELECT 1 FROM "
                        + CodeClaims.CLAIMED_ROWS + ")")
                .append("""
                 AND NOT EXISTS (
                    SELECT 1 FROM verification_codes WHERE realm_id = :realm AND code_hmac IN (:hmacs)
                    UNION ALL
                    SELECT 1 FROM verification_codes WHERE realm_id = :realm AND long_code_hmac IN (:hmacs))""");
        params.put("now", Timestamp.from(now));
        params.put("nonce", nonceSha256);
        params.put("realm", realm.value());
        params.put("types", acceptedTypes);
        params.put("hmacs", hmacs);
        return jdbc.sql(sql.toString())
                .params(params)
                .query(CodeRepository::mapClaimAttempt)
                .optional()
                .orElse(ClaimAttempt.NOT_CLAIMABLE);
    }

    private static ClaimAttempt mapClaimAttempt(ResultSet rs, int row) throws SQLException {
        UUID uuid = rs.getObject("uuid", UUID.class);
        if (uuid == null) {
            return ClaimAttempt.NO_SUCH_CODE;
        }
        return new ClaimAttempt(
                Optional.of(new ClaimedRow(
                        uuid,
                        TestType.fromApiName(rs.getString("test_type")).orElseThrow(),
                        rs.getObject("symptom_date", LocalDate.class),
                        rs.getObject("test_date", LocalDate.class),
                        rs.getTimestamp("created_at").toInstant())),
                true);
    }

    record Diagnosis(boolean claimed, TestType testType, Instant relevantExpiry, boolean nonceMatches) {}

    /** Why a claim found nothing: the code as stored, if it exists in the realm at all (one index per branch, as in {@link #claim}). */
    Optional<Diagnosis> diagnose(RealmId realm, List<byte[]> hmacs, byte[] nonceSha256) {
        return jdbc.sql("""
                SELECT claimed_at IS NOT NULL AS claimed, test_type,
                       (nonce_sha256 IS NULL OR nonce_sha256 = :nonce) AS nonce_matches, expires_at AS relevant_expiry
                FROM verification_codes WHERE realm_id = :realm AND code_hmac IN (:hmacs)
                UNION ALL
                SELECT claimed_at IS NOT NULL AS claimed, test_type,
                       (nonce_sha256 IS NULL OR nonce_sha256 = :nonce) AS nonce_matches, long_expires_at AS relevant_expiry
                FROM verification_codes WHERE realm_id = :realm AND long_code_hmac IN (:hmacs)
                  AND (code_hmac IS NULL OR code_hmac NOT IN (:hmacs))""")
                .param("realm", realm.value())
                .param("hmacs", hmacs)
                .param("nonce", nonceSha256)
                .query((rs, row) -> new Diagnosis(
                        rs.getBoolean("claimed"),
                        TestType.fromApiName(rs.getString("test_type")).orElseThrow(),
                        rs.getTimestamp("relevant_expiry").toInstant(),
                        rs.getBoolean("nonce_matches")))
                .optional();
    }

    private static CodeStatus mapStatus(ResultSet rs, int row) throws SQLException {
        return new CodeStatus(
                rs.getObject("uuid", UUID.class),
                rs.getTimestamp("claimed_at") != null,
                rs.getTimestamp("expires_at").toInstant(),
                rs.getTimestamp("long_expires_at").toInstant());
    }
}
