package org.enverify.backup;

import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * A logical export of the current schema as plain SQL in {@code pg_dump}'s order: extensions, enum
 * types, sequences, tables, their rows as {@code COPY ... FROM stdin} blocks, sequence positions,
 * then constraints, indexes, foreign keys and triggers. It covers what Enverify's migrations create
 * (plain functions, such as the audit trail's trigger functions, come before the tables); a schema
 * with views, procedures, aggregates or other custom types is refused rather than half exported. All
 * reads share one repeatable-read snapshot, so the export is consistent while the server runs.
 */
final class SqlExport {

    private final Connection connection;

    SqlExport(Connection connection) {
        this.connection = connection;
    }

    void writeTo(Writer out) throws SQLException, IOException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
        try {
            String schema = single("SELECT current_schema()");
            refuseUnsupported(schema);
            out.write("-- Enverify logical backup (built-in export) of schema " + schema + ", PostgreSQL "
                    + single("SHOW server_version") + "\n");
            out.write("-- Restore into an empty database: psql -v ON_ERROR_STOP=1 -f <this file>\n\n");
            out.write("SET client_encoding = 'UTF8';\nSET standard_conforming_strings = on;\n"
                    + "SET check_function_bodies = false;\nSET client_min_messages = warning;\n\n");
            String qualifier = ident(schema) + ".";
            out.write("CREATE SCHEMA IF NOT EXISTS " + ident(schema) + ";\n");
            out.write("SET search_path = " + ident(schema) + ", pg_catalog;\n\n");
            for (String extension : strings("SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' ORDER BY 1")) {
                out.write("CREATE EXTENSION IF NOT EXISTS " + ident(extension) + ";\n");
            }
            for (List<String> type : rows("""
                    SELECT t.typname, string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder)
                    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
                    WHERE t.typnamespace = (SELECT oid FROM pg_namespace WHERE nspname = ?) GROUP BY t.typname ORDER BY 1""", schema)) {
                out.write("CREATE TYPE " + qualifier + ident(type.get(0)) + " AS ENUM (" + type.get(1) + ");\n");
            }
            List<List<String>> sequences = rows("""
                    SELECT s.sequencename, s.data_type::text, s.start_value::text, s.increment_by::text,
                        s.min_value::text, s.max_value::text, s.cache_size::text, s.cycle::text
                    FROM pg_sequences s
                    WHERE s.schemaname = ? AND NOT EXISTS (
                        SELECT 1 FROM pg_depend d
                        WHERE d.objid = (quote_ident(s.schemaname) || '.' || quote_ident(s.sequencename))::regclass
                          AND d.classid = 'pg_class'::regclass AND d.deptype = 'i')
                    ORDER BY 1""", schema);
            for (List<String> sequence : sequences) {
                out.write("CREATE SEQUENCE " + qualifier + ident(sequence.get(0)) + " AS " + sequence.get(1)
                        + " START WITH " + sequence.get(2) + " INCREMENT BY " + sequence.get(3) + " MINVALUE "
                        + sequence.get(4) + " MAXVALUE " + sequence.get(5) + " CACHE " + sequence.get(6)
                        + ("true".equals(sequence.get(7)) ? " CYCLE" : " NO CYCLE") + ";\n");
            }
            for (String function : strings("""
                    SELECT pg_get_functiondef(p.oid) FROM pg_proc p
                    WHERE p.pronamespace = (SELECT oid FROM pg_namespace WHERE nspname = ?)
                      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
                    ORDER BY p.proname""", schema)) {
                out.write(function.strip() + ";\n");
            }
            out.write("\n");
            List<String> tables = strings(
                    "SELECT c.relname FROM pg_class c WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = ?) AND c.relkind = 'r' ORDER BY 1",
                    schema);
            for (String table : tables) {
                out.write(createTable(schema, table));
            }
            for (String table : tables) {
                copyRows(schema, table, out);
            }
            for (List<String> position : sequencePositions(schema)) {
                out.write("SELECT pg_catalog.setval(" + position.get(0) + ", " + position.get(1) + ", "
                        + position.get(2) + ");\n");
            }
            for (List<String> owned : rows("""
                    SELECT quote_ident(n.nspname) || '.' || quote_ident(s.relname),
                        quote_ident(n.nspname) || '.' || quote_ident(t.relname) || '.' || quote_ident(a.attname)
                    FROM pg_depend d
                    JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
                    JOIN pg_namespace n ON n.oid = s.relnamespace
                    JOIN pg_class t ON t.oid = d.refobjid
                    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
                    WHERE d.classid = 'pg_class'::regclass AND d.deptype = 'a' AND n.nspname = ?
                    ORDER BY 1""", schema)) {
                out.write("ALTER SEQUENCE " + owned.get(0) + " OWNED BY " + owned.get(1) + ";\n");
            }
            out.write("\n");
            String constraints = """
                    SELECT quote_ident(n.nspname) || '.' || quote_ident(t.relname), quote_ident(c.conname),
                        pg_get_constraintdef(c.oid)
                    FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
                    WHERE n.nspname = ? AND c.contype IN (%s) AND t.relkind = 'r'
                    ORDER BY 1, 2""";
            for (List<String> constraint : rows(constraints.formatted("'p', 'u', 'c', 'x'"), schema)) {
                out.write("ALTER TABLE ONLY " + constraint.get(0) + " ADD CONSTRAINT " + constraint.get(1) + " "
                        + constraint.get(2) + ";\n");
            }
            for (String index : strings("""
                    SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                    WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = ?)
                      AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.contype IN ('p', 'u', 'x'))
                    ORDER BY c.relname""", schema)) {
                out.write(index + ";\n");
            }
            for (List<String> constraint : rows(constraints.formatted("'f'"), schema)) {
                out.write("ALTER TABLE ONLY " + constraint.get(0) + " ADD CONSTRAINT " + constraint.get(1) + " "
                        + constraint.get(2) + ";\n");
            }
            for (String trigger : strings("""
                    SELECT pg_get_triggerdef(t.oid) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                    WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = ?) AND NOT t.tgisinternal
                    ORDER BY c.relname, t.tgname""", schema)) {
                out.write(trigger + ";\n");
            }
            out.write("\n-- end of backup\n");
            out.flush();
        } finally {
            connection.rollback();
            connection.setReadOnly(false);
            connection.setAutoCommit(autoCommit);
        }
    }

    private void refuseUnsupported(String schema) throws SQLException {
        List<String> problems = new ArrayList<>();
        problems.addAll(strings("""
                SELECT 'relation ' || relname || ' of kind ' || relkind::text FROM pg_class
                WHERE relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = ?) AND relkind NOT IN ('r', 'i', 'S')""", schema));
        problems.addAll(strings(
                "SELECT 'function ' || proname FROM pg_proc p WHERE p.pronamespace = (SELECT oid FROM pg_namespace WHERE nspname = ?)"
                        + " AND p.prokind <> 'f' AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')",
                schema));
        problems.addAll(strings("""
                SELECT 'type ' || t.typname FROM pg_type t
                WHERE t.typnamespace = (SELECT oid FROM pg_namespace WHERE nspname = ?) AND t.typtype NOT IN ('e', 'b')
                  AND NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.reltype = t.oid)
                  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = t.oid AND d.deptype = 'e')""", schema));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The built-in export cannot back up " + String.join(", ", problems)
                    + "; install pg_dump for this PostgreSQL version (or set ENVERIFY_BACKUP_PG_DUMP)");
        }
    }

    private String createTable(String schema, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        for (List<String> column : rows("""
                SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull::text, a.attidentity::text,
                    a.attgenerated::text, pg_get_expr(d.adbin, d.adrelid),
                    CASE WHEN a.attcollation <> t.typcollation THEN quote_ident(co.collname) END
                FROM pg_attribute a
                JOIN pg_type t ON t.oid = a.atttypid
                LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                LEFT JOIN pg_collation co ON co.oid = a.attcollation
                WHERE a.attrelid = (quote_ident(?) || '.' || quote_ident(?))::regclass AND a.attnum > 0 AND NOT a.attisdropped
                ORDER BY a.attnum""", schema, table)) {
            StringBuilder definition = new StringBuilder("    ")
                    .append(ident(column.get(0)))
                    .append(' ')
                    .append(column.get(1));
            if (column.get(6) != null) {
                definition.append(" COLLATE ").append(column.get(6));
            }
            switch (column.get(3)) {
                case "a" -> definition.append(" GENERATED ALWAYS AS IDENTITY");
                case "d" -> definition.append(" GENERATED BY DEFAULT AS IDENTITY");
                default -> {
                    if ("s".equals(column.get(4))) {
                        definition
                                .append(" GENERATED ALWAYS AS (")
                                .append(column.get(5))
                                .append(") STORED");
                    } else if (column.get(5) != null) {
                        definition.append(" DEFAULT ").append(column.get(5));
                    }
                }
            }
            if ("true".equals(column.get(2))) {
                definition.append(" NOT NULL");
            }
            columns.add(definition.toString());
        }
        return "CREATE TABLE " + ident(schema) + "." + ident(table) + " (\n" + String.join(",\n", columns) + "\n);\n\n";
    }

    private void copyRows(String schema, String table, Writer out) throws SQLException, IOException {
        List<String> columns = strings("""
                SELECT quote_ident(attname) FROM pg_attribute
                WHERE attrelid = (quote_ident(?) || '.' || quote_ident(?))::regclass AND attnum > 0 AND NOT attisdropped
                  AND attgenerated = ''
                ORDER BY attnum""", schema, table);
        String target = ident(schema) + "." + ident(table) + " (" + String.join(", ", columns) + ")";
        out.write("COPY " + target + " FROM stdin;\n");
        out.flush();
        connection.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY " + target + " TO STDOUT", out);
        out.write("\\.\n\n");
    }

    /**
     * Every sequence of the schema with its position. An identity column's sequence is named by its
     * column, since its own name is chosen anew when the table is created.
     */
    private List<List<String>> sequencePositions(String schema) throws SQLException {
        List<List<String>> positions = new ArrayList<>();
        for (List<String> sequence : rows("""
                SELECT CASE WHEN t.oid IS NULL THEN quote_literal(quote_ident(n.nspname) || '.' || quote_ident(s.relname))
                    ELSE 'pg_catalog.pg_get_serial_sequence('
                        || quote_literal(quote_ident(n.nspname) || '.' || quote_ident(t.relname)) || ', '
                        || quote_literal(a.attname) || ')' END,
                    quote_ident(n.nspname) || '.' || quote_ident(s.relname)
                FROM pg_class s
                JOIN pg_namespace n ON n.oid = s.relnamespace
                LEFT JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass AND d.deptype = 'i'
                LEFT JOIN pg_class t ON t.oid = d.refobjid
                LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
                WHERE s.relkind = 'S' AND n.nspname = ?
                ORDER BY 2""", schema)) {
            try (PreparedStatement statement = connection.prepareStatement(
                            "SELECT last_value::text, is_called::text FROM " + sequence.get(1));
                    ResultSet rs = statement.executeQuery()) {
                rs.next();
                positions.add(List.of(sequence.get(0), rs.getString(1), rs.getString(2)));
            }
        }
        return positions;
    }

    private String single(String sql) throws SQLException {
        return strings(sql).getFirst();
    }

    private List<String> strings(String sql, String... parameters) throws SQLException {
        return rows(sql, parameters).stream().map(List::getFirst).toList();
    }

    private List<List<String>> rows(String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                List<List<String>> rows = new ArrayList<>();
                int width = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int column = 1; column <= width; column++) {
                        row.add(rs.getString(column));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    private static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
