package org.enverify.chaff;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.enverify.realm.RealmId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The UTC days on which a realm's phones sent chaff, one {@code realm_chaff_events} row per realm and
 * day. A process remembers the days it recorded, so the database sees at most one insert per realm
 * and day from each process however much chaff arrives.
 */
class ChaffEvents {

    private static final Logger log = LoggerFactory.getLogger(ChaffEvents.class);

    private record RealmDay(RealmId realm, LocalDate day) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Cache<RealmDay, Boolean> recorded = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofHours(48))
            .maximumSize(100_000)
            .build();

    ChaffEvents(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Marks today as a chaff day of the realm. A database failure is logged and forgotten, so that
     * the next chaff request tries again; it never changes the chaff answer, which would tell it apart.
     */
    void record(RealmId realm) {
        RealmDay key = new RealmDay(realm, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        if (recorded.asMap().putIfAbsent(key, Boolean.TRUE) != null) {
            return;
        }
        try {
            jdbc.sql("INSERT INTO realm_chaff_events (realm_id, day) VALUES (?, ?) ON CONFLICT DO NOTHING")
                    .params(realm.value(), key.day())
                    .update();
        } catch (DataAccessException e) {
            recorded.invalidate(key);
            log.warn("Could not record the chaff day {} of realm {}", key.day(), realm, e);
        }
    }
}
