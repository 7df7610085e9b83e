package org.enverify.events;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.enverify.platform.ListQuery;
import org.enverify.platform.Listing;
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

    /** One page of the realm's endpoints, sorted by {@code created_at} or {@code url}. */
    Listing<Row> list(RealmId realm, ListQuery query) {
        String column = switch (query.sort()) {
            case "created_at" -> "created_at";
            case "url" -> "url";
            default -> throw new IllegalArgumentException("Webhook endpoints are not sorted by " + query.sort());
        };
        String direction = query.descending() ? " DESC" : " ASC";
        List<Row> page = jdbc.sql("SELECT " + COLUMNS + " FROM webhook_endpoints WHERE realm_id = ? ORDER BY " + column
                        + direction + ", id" + direction + " LIMIT ? OFFSET ?")
                .params(realm.value(), query.limit(), query.offset())
                .query(WebhookEndpointRepository::map)
                .list();
        long total = jdbc.sql("SELECT count(*) FROM webhook_endpoints WHERE realm_id = ?")
                .param(realm.value())
                .query(Long.class)
                .single();
        return new Listing<>(page, total);
    }

    List<Row> list(RealmId realm) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_endpoints WHERE realm_id = ? ORDER BY id")
                .param(realm.value())
                .query(WebhookEndpointRepository::map)
                .list();
    }

    /** The enabled endpoints of these realms with the event types each subscribed to, in the order of their ids. */
    Subscriptions subscriptions(Set<RealmId> realms) {
        return new Subscriptions(jdbc.sql("""
                        SELECT realm_id, id, event_types FROM webhook_endpoints
                        WHERE realm_id = ANY (?) AND disabled_at IS NULL ORDER BY id""")
                .param(realms.stream().map(RealmId::value).toArray(Long[]::new))
                .query((rs, n) -> new Subscription(new RealmId(rs.getLong(1)), rs.getLong(2), List.of((String[])
                        rs.getArray(3).getArray())))
                .list());
    }

    record Subscription(RealmId realm, long endpoint, List<String> eventTypes) {}

    /** Read once for a batch of events, so that finding an event's subscribers costs no query. */
    record Subscriptions(List<Subscription> enabled) {

        List<Long> subscribers(RealmId realm, String type) {
            return enabled.stream()
                    .filter(subscription -> subscription.realm().equals(realm)
                            && subscription.eventTypes().contains(type))
                    .map(Subscription::endpoint)
                    .toList();
        }
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

    /**
     * The endpoint's attempts grouped by event, of events still kept; the last attempt is the one logged last.
     *
     * @param narrowed narrows the attempts further ({@code " AND …"}, its parameters named), or is empty
     * @param direction by the last attempt: {@code DESC} for the latest first, or {@code ASC}
     */
    private static String eventDeliveriesSql(String narrowed, String direction) {
        return "SELECT d.event_id, e.type, d.attempts, d.first_attempt_at, l.attempted_at, l.succeeded,"
                + " l.response_status, l.error"
                + " FROM (SELECT event_id, count(*) AS attempts, min(attempted_at) AS first_attempt_at, max(id) AS last_id"
                + " FROM webhook_deliveries WHERE realm_id = :realm AND endpoint_id = :endpoint" + narrowed
                + " GROUP BY event_id) d"
                + " JOIN webhook_deliveries l ON l.realm_id = :realm AND l.id = d.last_id"
                + " JOIN events e ON e.realm_id = :realm AND e.id = d.event_id"
                + " ORDER BY l.attempted_at " + direction + ", l.id " + direction;
    }

    /** One page of the events delivered to the endpoint, sorted by {@code last_attempt_at}. */
    Listing<WebhookEventDeliveries> eventDeliveries(RealmId realm, long endpoint, ListQuery query) {
        List<WebhookEventDeliveries> page = jdbc.sql(
                        eventDeliveriesSql("", query.descending() ? "DESC" : "ASC") + " LIMIT :limit OFFSET :offset")
                .param("realm", realm.value())
                .param("endpoint", endpoint)
                .param("limit", query.limit())
                .param("offset", query.offset())
                .query(WebhookEndpointRepository::mapEventDeliveries)
                .list();
        long total =
                jdbc.sql("""
                SELECT count(DISTINCT d.event_id) FROM webhook_deliveries d
                JOIN events e ON e.realm_id = d.realm_id AND e.id = d.event_id
                WHERE d.realm_id = ? AND d.endpoint_id = ?""").params(realm.value(), endpoint).query(Long.class).single();
        return new Listing<>(page, total);
    }

    Optional<WebhookEventDeliveries> eventDeliveries(RealmId realm, long endpoint, UUID event) {
        return jdbc.sql(eventDeliveriesSql(" AND event_id = :event", "DESC"))
                .param("realm", realm.value())
                .param("endpoint", endpoint)
                .param("event", event)
                .query(WebhookEndpointRepository::mapEventDeliveries)
                .optional();
    }

    private static WebhookEventDeliveries mapEventDeliveries(ResultSet rs, int n) throws SQLException {
        return new WebhookEventDeliveries(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getInt(3),
                rs.getBoolean(6),
                (Integer) rs.getObject(7),
                rs.getString(8),
                rs.getTimestamp(4).toInstant(),
                rs.getTimestamp(5).toInstant());
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
