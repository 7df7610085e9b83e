package org.enverify.verify;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.enverify.code.CodeClaims;
import org.enverify.events.Events;
import org.enverify.realm.RealmId;
import org.enverify.realm.TestType;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class TokenRepository {

    private final JdbcClient jdbc;

    TokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The change that stores the token issued for a claimed code, reading the code's facts from the claim's row
     * in the same statement ({@link CodeClaims#CLAIMED_ROWS}).
     */
    Events.Change insertForClaimedCode(RealmId realm, byte[] tokenHash, Instant expiresAt, Instant now) {
        Map<String, Object> params = new HashMap<>();
        params.put("token_realm", realm.value());
        params.put("token_hash", tokenHash);
        params.put("token_expires", Timestamp.from(expiresAt));
        params.put("token_now", Timestamp.from(now));
        return new Events.Change("""
                INSERT INTO tokens (realm_id, token_hash, code_uuid, test_type, symptom_date, test_date, expires_at, created_at)
                SELECT :token_realm, :token_hash, uuid, test_type, symptom_date, test_date, :token_expires, :token_now
                FROM\s""" + CodeClaims.CLAIMED_ROWS, params);
    }

    /** The change that marks the token used if it is unused, unexpired and holds exactly these claims. */
    Events.Change use(
            RealmId realm,
            byte[] tokenHash,
            TestType testType,
            LocalDate symptomDate,
            LocalDate testDate,
            Instant now) {
        Map<String, Object> params = new HashMap<>();
        params.put("now", Timestamp.from(now));
        params.put("realm", realm.value());
        params.put("hash", tokenHash);
        params.put("type", testType.apiName());
        params.put("symptom", new SqlParameterValue(Types.DATE, symptomDate));
        params.put("test", new SqlParameterValue(Types.DATE, testDate));
        return new Events.Change("""
                UPDATE tokens SET used_at = :now
                WHERE realm_id = :realm AND token_hash = :hash AND used_at IS NULL AND expires_at > :now
                  AND test_type = :type AND symptom_date IS NOT DISTINCT FROM :symptom AND test_date IS NOT DISTINCT FROM :test""", params);
    }

    /** Whether the token exists and was already used: a repeat, which is not counted as invalid. */
    Optional<Boolean> used(RealmId realm, byte[] tokenHash) {
        return jdbc.sql("SELECT used_at IS NOT NULL FROM tokens WHERE realm_id = ? AND token_hash = ?")
                .params(realm.value(), tokenHash)
                .query(Boolean.class)
                .optional();
    }
}
