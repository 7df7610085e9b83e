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
 * Records what happened in a realm, in the caller's transaction and with one insert, so the hot path
 * stays cheap and an event exists exactly when its change committed. The relay delivers it later.
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
}
