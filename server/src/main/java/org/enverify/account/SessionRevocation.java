package org.enverify.account;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Ends a user's web sessions by deleting them from Spring Session's table, where every replica reads
 * them: sessions are indexed by their principal name, which is the user id (see {@link SignedInUser}).
 */
@Component
class SessionRevocation {

    private final JdbcClient jdbc;

    SessionRevocation(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void endAll(long userId) {
        jdbc.sql("DELETE FROM spring_session WHERE principal_name = ?")
                .param(Long.toString(userId))
                .update();
    }
}
