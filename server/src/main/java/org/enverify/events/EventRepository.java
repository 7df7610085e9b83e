package org.enverify.events;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.enverify.platform.AcrossRealms;
import org.enverify.realm.RealmId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class EventRepository {

    record StoredEvent(RealmId realm, UUID id, String type, Instant occurredAt, String data) {}

    private final JdbcClient jdbc;

    EventRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<StoredEvent> find(RealmId realm, UUID id) {
        return jdbc.sql("SELECT realm_id, id, type, occurred_at, data::text FROM events WHERE realm_id = ? AND id = ?")
                .params(realm.value(), id)
                .query(EventRepository::map)
                .optional();
    }

    /** Events not yet fanned out to webhooks, locked so that concurrent relays take different ones. */
    @AcrossRealms("the outbox relay publishes every realm's events in order")
    List<StoredEvent> lockUnrelayed(int limit) {
        return jdbc.sql("""
                SELECT realm_id, id, type, occurred_at, data::text FROM events WHERE relayed_at IS NULL
                ORDER BY occurred_at LIMIT ? FOR UPDATE SKIP LOCKED""").param(limit).query(EventRepository::map).list();
    }

    @AcrossRealms("the outbox relay publishes every realm's events in order")
    List<StoredEvent> lockUnpublished(int limit) {
        return jdbc.sql("""
                SELECT realm_id, id, type, occurred_at, data::text FROM events WHERE published_at IS NULL
                ORDER BY occurred_at LIMIT ? FOR UPDATE SKIP LOCKED""").param(limit).query(EventRepository::map).list();
    }

    void markRelayed(List<StoredEvent> batch, Instant now) {
        mark("relayed_at", batch, now);
    }

    void markPublished(List<StoredEvent> batch, Instant now) {
        mark("published_at", batch, now);
    }

    /** One statement for a whole batch: a relay of 500 events makes one round trip to mark them, not 500. */
    private void mark(String column, List<StoredEvent> batch, Instant now) {
        jdbc.sql("UPDATE events SET " + column + " = ? FROM unnest(?::bigint[], ?::uuid[]) AS marked (realm_id, id)"
                        + " WHERE events.realm_id = marked.realm_id AND events.id = marked.id")
                .params(
                        Timestamp.from(now),
                        batch.stream().map(event -> event.realm().value()).toArray(Long[]::new),
                        batch.stream().map(StoredEvent::id).toArray(UUID[]::new))
                .update();
    }

    private static StoredEvent map(ResultSet rs, int n) throws SQLException {
        return new StoredEvent(
                new RealmId(rs.getLong(1)),
                rs.getObject(2, UUID.class),
                rs.getString(3),
                rs.getTimestamp(4).toInstant(),
                rs.getString(5));
    }
}
