package org.enverify.signing;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Transaction-scoped advisory locks, so two processes starting at once create one key, not two. */
final class SigningLocks {

    private SigningLocks() {}

    static void lock(JdbcClient jdbc, String name) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(?))")
                .param("enverify.signing." + name)
                .query()
                .singleRow();
    }
}
