package org.enverify.demo;

import java.util.Optional;
import org.enverify.realm.RealmId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Which realm is the demo realm: its name and region code are the realm admin's to change. */
@Component
class DemoRealmMarker {

    private final JdbcClient jdbc;

    DemoRealmMarker(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<RealmId> find() {
        return jdbc.sql("SELECT realm_id FROM demo_realm")
                .query((row, n) -> new RealmId(row.getLong(1)))
                .optional();
    }

    void mark(RealmId realm) {
        jdbc.sql("INSERT INTO demo_realm (realm_id) VALUES (:realm)")
                .param("realm", realm.value())
                .update();
    }
}
