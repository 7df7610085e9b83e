package org.enverify.sms;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.enverify.realm.RealmId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class SmsTemplateRepository {

    private final JdbcClient jdbc;

    SmsTemplateRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<String> find(RealmId realm, String label) {
        return jdbc.sql("SELECT template FROM realm_sms_templates WHERE realm_id = ? AND label = ?")
                .params(realm.value(), label)
                .query(String.class)
                .optional();
    }

    Map<String, String> all(RealmId realm) {
        Map<String, String> templates = new TreeMap<>();
        jdbc.sql("SELECT label, template FROM realm_sms_templates WHERE realm_id = ?")
                .param(realm.value())
                .query(rs -> {
                    templates.put(rs.getString(1), rs.getString(2));
                });
        return templates;
    }

    void save(RealmId realm, String label, String template, Instant now) {
        jdbc.sql("""
                INSERT INTO realm_sms_templates (realm_id, label, template, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (realm_id, label) DO UPDATE SET template = excluded.template, updated_at = excluded.updated_at""")
                .params(realm.value(), label, template, Timestamp.from(now))
                .update();
    }

    boolean delete(RealmId realm, String label) {
        return jdbc.sql("DELETE FROM realm_sms_templates WHERE realm_id = ? AND label = ?")
                        .params(realm.value(), label)
                        .update()
                > 0;
    }
}
