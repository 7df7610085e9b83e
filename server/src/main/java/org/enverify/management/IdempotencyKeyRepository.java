package org.enverify.management;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.enverify.realm.RealmId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The first reply to each caller's idempotency keys; a realm of none holds system-scope calls. */
@Repository
class IdempotencyKeyRepository {

    /** How the table names the scope of calls that belong to no realm. */
    private static final long SYSTEM_SCOPE = 0;

    record Stored(byte[] requestHash, int status, byte[] body) {}

    private final JdbcClient jdbc;

    IdempotencyKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Holds the key until the transaction ends, so a second request with it waits for the first's reply. */
    void lock(Optional<RealmId> realm, String caller, String key) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")
                .param(scope(realm) + "\n" + caller + "\n" + key)
                .query()
                .singleValue();
    }

    Optional<Stored> find(Optional<RealmId> realm, String caller, String key, Instant notBefore) {
        return jdbc.sql("SELECT request_hash, status, body FROM idempotency_keys"
                        + " WHERE realm_id = ? AND caller = ? AND idempotency_key = ? AND created_at > ?")
                .params(scope(realm), caller, key, Timestamp.from(notBefore))
                .query((row, number) ->
                        new Stored(row.getBytes("request_hash"), row.getInt("status"), row.getBytes("body")))
                .optional();
    }

    /** Stores a reply, replacing one of the same key that has expired but was not cleaned up yet. */
    void save(Optional<RealmId> realm, String caller, String key, Stored reply, Instant now) {
        jdbc.sql("""
                INSERT INTO idempotency_keys (realm_id, caller, idempotency_key, request_hash, status, body, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (realm_id, caller, idempotency_key) DO UPDATE SET request_hash = excluded.request_hash,
                    status = excluded.status, body = excluded.body, created_at = excluded.created_at""")
                .params(
                        scope(realm),
                        caller,
                        key,
                        reply.requestHash(),
                        reply.status(),
                        reply.body(),
                        Timestamp.from(now))
                .update();
    }

    private static long scope(Optional<RealmId> realm) {
        return realm.map(RealmId::value).orElse(SYSTEM_SCOPE);
    }
}
