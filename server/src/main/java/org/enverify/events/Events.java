package org.enverify.events;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;
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
     * The insert of one event for each row that an earlier query of the same statement returned, as a change
     * to run with that query (such as {@code CodeClaims#claim}'s changes alongside), so the event commits
     * exactly when the rows' change does.
     *
     * @param rows the name of the earlier query in the statement's {@code WITH}
     * @param dataColumns for each key of the event's data, the column of {@code rows} that holds its value: ids and
     *     facts only, as for {@link #record}
     */
    public Change insertForEachRowOf(String rows, RealmId realm, EventType type, Map<String, String> dataColumns) {
        Map<String, Object> keys = new HashMap<>();
        StringJoiner data = new StringJoiner(", ", "jsonb_build_object(", ")");
        for (Map.Entry<String, String> column : dataColumns.entrySet()) {
            String key = "event_key_" + keys.size();
            keys.put(key, column.getKey());
            data.add("CAST(:" + key + " AS text), " + column.getValue());
        }
        return insertForEachRow(rows, realm, type, data.toString(), keys);
    }

    /**
     * Runs the change and records the event once for each row it changed, in one statement: both commit
     * together, in one round trip, with or without a transaction of the caller's.
     *
     * @param data as for {@link #record}
     * @return the number of rows changed
     */
    public int recordFor(Change change, RealmId realm, EventType type, Map<String, Object> data) {
        Change event = insertForEachRow(
                "changed", realm, type, "CAST(:event_data AS jsonb)", Map.of("event_data", EventJson.write(data)));
        return jdbc.sql("WITH changed AS (" + change.sql() + " RETURNING 1) " + event.sql())
                .params(change.params())
                .params(event.params())
                .update();
    }

    /** The event insert for each row of {@code rows}, its data the SQL expression {@code data} with its parameters. */
    private Change insertForEachRow(
            String rows, RealmId realm, EventType type, String data, Map<String, Object> dataParams) {
        Map<String, Object> params = new HashMap<>(dataParams);
        params.put("event_realm", realm.value());
        params.put("event_type", type.wireName());
        params.put("event_at", Timestamp.from(clock.instant()));
        return new Change(
                "INSERT INTO events (realm_id, id, type, occurred_at, data)"
                        + " SELECT :event_realm, gen_random_uuid(), :event_type, :event_at, " + data + " FROM " + rows,
                params);
    }
}
