package org.enverify.bench;

import java.sql.DriverManager;

/** The CLI's JDBC baseline: a JVM that opens one connection and runs {@code SELECT 1}. */
public final class JdbcPing {

    private JdbcPing() {}

    public static void main(String[] args) throws Exception {
        try (var connection = DriverManager.getConnection(args[0], "postgres", "postgres");
                var statement = connection.createStatement()) {
            statement.executeQuery("SELECT 1").close();
        }
    }
}
