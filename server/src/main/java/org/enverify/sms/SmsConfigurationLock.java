package org.enverify.sms;

import org.enverify.realm.RealmId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The transaction-scoped lock on one realm's SMS configuration (its sender, webhook and templates), which every
 * change of it takes before it reads what it changes: a change made only while the configuration is still at a
 * version the caller read then never passes another one unseen.
 */
@Component
class SmsConfigurationLock {

    private final JdbcClient jdbc;

    SmsConfigurationLock(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void lock(RealmId realm) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(?))")
                .param("enverify.sms.configuration:" + realm)
                .query()
                .singleRow();
    }
}
