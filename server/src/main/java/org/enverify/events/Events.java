package org.enverify.events;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.enverify.realm.RealmId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records what happened in a realm, in the caller's transaction and with one insert, or in the very
 * statement of the change, so the hot path stays cheap and an event exists exactly when its change
 * committed. The relay delivers it later.
 */
@Service
public class Events {

    private final JdbcClient jdbc;
    private final Clock clock;

    Events(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * @param data ids and facts only (a code's uuid, a test type): never a code, phone number, token or key
     * @return the event's id, which consumers deduplicate on
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID record(RealmId realm, EventType type, Map<String, Object> data) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO events (realm_id, id, type, occurred_at, data) VALUES (?, ?, ?, ?, ?::jsonb)")
                .params(realm.value(), id, type.wireName(), Timestamp.from(clock.instant()), EventJson.write(data))
                .update();
        return id;
    }

    /**
     * A statement that changes rows, to run with the event it causes: an {@code INSERT}, {@code UPDATE} or
     * {@code DELETE} without {@code RETURNING}, with named parameters none of whose names start with {@code event_}.
     */
    public record Change(String sql, Map<String, ?> params) {}

    /**
     * Runs the change and records the event once for each row it changed, in one statement: both commit
     * together, in one round trip, with or without a transaction of the caller's.
     *
     * @param data as for {@link #record}
     * @return the number of rows changed
     */
    public int recordFor(Change change, RealmId realm, EventType type, Map<String, Object> data) {
        return jdbc.sql("WITH changed AS (" + change.sql() + " RETURNING 1)"
                        + " INSERT INTO events (realm_id, id, type, occurred_at, data)"
                        + " SELECT :event_realm, gen_random_uuid(), :event_type, :event_at, CAST(:event_data AS jsonb)"
                        + " FROM changed")
                .params(change.params())
                .param("event_realm", realm.value())
                .param("event_type", type.wireName())
                .param("event_at", Timestamp.from(clock.instant()))
                .param("event_data", EventJson.write(data))
                .update();
    }
}
