package org.enverify.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/** Scratch databases on a PostgreSQL server, restores with {@code psql}, and comparisons of whole databases. */
record Databases(String host, int port, String user, String password) {

    String url(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), user, password);
    }

    void create(String database) throws SQLException {
        try (Connection admin = connect("postgres")) {
            admin.createStatement().execute("CREATE DATABASE " + database);
        }
    }

    void drop(String database) throws SQLException {
        try (Connection admin = connect("postgres")) {
            admin.createStatement().execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    /** Restores a gzip-compressed plain SQL dump with psql, stopping at the first error. */
    void restore(InputStream gzipDump, String database) throws IOException, InterruptedException {
        Path sql = Files.createTempFile("enverify-restore-", ".sql");
        try (InputStream in = new GZIPInputStream(gzipDump)) {
            Files.copy(in, sql, StandardCopyOption.REPLACE_EXISTING);
            ProcessBuilder psql = new ProcessBuilder(
                            "psql",
                            "-X",
                            "-q",
                            "-v",
                            "ON_ERROR_STOP=1",
                            "-h",
                            host,
                            "-p",
                            Integer.toString(port),
                            "-U",
                            user,
                            "-d",
                            database,
                            "-f",
                            sql.toString())
                    .redirectErrorStream(true);
            if (password != null) {
                psql.environment().put("PGPASSWORD", password);
            }
            Process process = psql.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("psql output:\n" + output).isZero();
        } finally {
            Files.deleteIfExists(sql);
        }
    }

    /** Every table of the public schema with its rows as text, sorted, plus the schema's indexes and constraints. */
    Map<String, List<String>> contents(String database) throws SQLException {
        Map<String, List<String>> contents = new LinkedHashMap<>();
        try (Connection connection = connect(database)) {
            for (String table :
                    column(connection, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")) {
                contents.put(table, column(connection, "SELECT t::text FROM public.\"" + table + "\" t ORDER BY 1"));
            }
            contents.put(
                    "(indexes)",
                    column(connection, "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1"));
            contents.put("(constraints)", column(connection, """
                            SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
                            WHERE connamespace = 'public'::regnamespace AND contype <> 'n' ORDER BY 1"""));
            contents.put("(columns)", column(connection, """
                            SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' '
                                || coalesce(column_default, '') || ' ' || is_identity || ' ' || is_generated
                            FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1"""));
        }
        return contents;
    }

    private static List<String> column(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (var rs = connection.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
