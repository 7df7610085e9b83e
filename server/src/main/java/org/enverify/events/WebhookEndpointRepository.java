package org.enverify.events;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.enverify.realm.RealmId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class WebhookEndpointRepository {

    record Row(
            RealmId realm,
            long id,
            String url,
            List<String> eventTypes,
            byte[] secretCiphertext,
            byte[] previousSecretCiphertext,
            Instant previousSecretUntil,
            Instant failingSince,
            Instant disabledAt,
            String disabledReason,
            Instant createdAt) {}

    private static final String COLUMNS = """
            realm_id, id, url, event_types, secret_ciphertext, previous_secret_ciphertext, previous_secret_until,
            failing_since, disabled_at, disabled_reason, created_at""";

    private final JdbcClient jdbc;

    WebhookEndpointRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts an endpoint; the secret is encrypted afterwards, bound to the id it gets. */
    long insert(RealmId realm, String url, List<String> types, Instant now) {
        return jdbc.sql("""
                INSERT INTO webhook_endpoints (realm_id, url, event_types, secret_ciphertext, created_at)
                VALUES (?, ?, ?, ?, ?) RETURNING id""")
                .params(realm.value(), url, types.toArray(String[]::new), new byte[0], Timestamp.from(now))
                .query(Long.class)
                .single();
    }

    void setSecret(RealmId realm, long id, byte[] secret, byte[] previous, Instant previousUntil) {
        jdbc.sql("""
                UPDATE webhook_endpoints SET secret_ciphertext = ?, previous_secret_ciphertext = ?,
                    previous_secret_until = ?
                WHERE realm_id = ? AND id = ?""")
                .params(
                        secret,
                        previous,
                        previousUntil == null ? null : Timestamp.from(previousUntil),
                        realm.value(),
                        id)
                .update();
    }

    Optional<Row> find(RealmId realm, long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_endpoints WHERE realm_id = ? AND id = ?")
                .params(realm.value(), id)
                .query(WebhookEndpointRepository::map)
                .optional();
    }

    List<Row> list(RealmId realm) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_endpoints WHERE realm_id = ? ORDER BY id")
                .param(realm.value())
                .query(WebhookEndpointRepository::map)
                .list();
    }

    /** Enabled endpoints of the realm that subscribed to the type. */
    List<Long> subscribers(RealmId realm, String type) {
        return jdbc.sql("""
                SELECT id FROM webhook_endpoints
                WHERE realm_id = ? AND disabled_at IS NULL AND ? = ANY (event_types) ORDER BY id""").params(realm.value(), type).query(Long.class).list();
    }

    boolean disable(RealmId realm, long id, String reason, Instant now) {
        return jdbc.sql("""
                        UPDATE webhook_endpoints SET disabled_at = ?, disabled_reason = ?
                        WHERE realm_id = ? AND id = ? AND disabled_at IS NULL""")
                        .params(Timestamp.from(now), reason, realm.value(), id)
                        .update()
                > 0;
    }

    boolean enable(RealmId realm, long id) {
        return jdbc.sql("""
                        UPDATE webhook_endpoints SET disabled_at = NULL, disabled_reason = NULL, failing_since = NULL
                        WHERE realm_id = ? AND id = ?""").params(realm.value(), id).update() > 0;
    }

    /** Removes the endpoint with its delivery log; deliveries still queued find no endpoint and stop. */
    boolean delete(RealmId realm, long id) {
        jdbc.sql("DELETE FROM webhook_deliveries WHERE realm_id = ? AND endpoint_id = ?")
                .params(realm.value(), id)
                .update();
        return jdbc.sql("DELETE FROM webhook_endpoints WHERE realm_id = ? AND id = ?")
                        .params(realm.value(), id)
                        .update()
                > 0;
    }

    void succeeded(RealmId realm, long id) {
        jdbc.sql("UPDATE webhook_endpoints SET failing_since = NULL WHERE realm_id = ? AND id = ?")
                .params(realm.value(), id)
                .update();
    }

    /** @return since when the endpoint has failed without a success in between */
    Instant failed(RealmId realm, long id, Instant now) {
        return jdbc.sql("""
                UPDATE webhook_endpoints SET failing_since = COALESCE(failing_since, ?)
                WHERE realm_id = ? AND id = ? RETURNING failing_since""")
                .params(Timestamp.from(now), realm.value(), id)
                .query(Timestamp.class)
                .single()
                .toInstant();
    }

    void logAttempt(
            RealmId realm, long endpoint, UUID event, boolean succeeded, Integer status, String error, Instant now) {
        jdbc.sql("""
                INSERT INTO webhook_deliveries (realm_id, endpoint_id, event_id, succeeded, response_status, error,
                    attempted_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(realm.value(), endpoint, event, succeeded, status, error, Timestamp.from(now))
                .update();
    }

    List<WebhookDelivery> deliveries(RealmId realm, long endpoint, int limit) {
        return jdbc.sql("""
                SELECT event_id, succeeded, response_status, error, attempted_at FROM webhook_deliveries
                WHERE realm_id = ? AND endpoint_id = ? ORDER BY attempted_at DESC, id DESC LIMIT ?""")
                .params(realm.value(), endpoint, limit)
                .query((rs, n) -> new WebhookDelivery(
                        rs.getObject(1, UUID.class),
                        rs.getBoolean(2),
                        (Integer) rs.getObject(3),
                        rs.getString(4),
                        rs.getTimestamp(5).toInstant()))
                .list();
    }

    private static Row map(ResultSet rs, int n) throws SQLException {
        return new Row(
                new RealmId(rs.getLong("realm_id")),
                rs.getLong("id"),
                rs.getString("url"),
                List.of((String[]) rs.getArray("event_types").getArray()),
                rs.getBytes("secret_ciphertext"),
                rs.getBytes("previous_secret_ciphertext"),
                instant(rs.getTimestamp("previous_secret_until")),
                instant(rs.getTimestamp("failing_since")),
                instant(rs.getTimestamp("disabled_at")),
                rs.getString("disabled_reason"),
                rs.getTimestamp("created_at").toInstant());
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
