package org.enverify.platform;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What the database is, for the build info page: the PostgreSQL release and the last migration applied. */
@Component
public class DatabaseInfo {

    private final JdbcClient jdbc;

    DatabaseInfo(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public String serverVersion() {
        return jdbc.sql("SHOW server_version").query(String.class).single();
    }

    /** The version of the newest successful migration, such as {@code 19}. */
    public String schemaVersion() {
        return jdbc.sql("SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL"
                        + " ORDER BY installed_rank DESC LIMIT 1")
                .query(String.class)
                .optional()
                .orElse("none");
    }
}
