package org.enverify.jobs;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * A cleanup step that is nothing but a retention table: how long a feature keeps the rows of its tables.
 * A feature declares its rows in a subclass's constructor; the rows of one retention are deleted in one
 * transaction and reported together under its name.
 */
public class Retention implements CleanupStep {

    private final JdbcClient jdbc;
    private final String name;
    private final List<Row> rows;

    protected Retention(JdbcClient jdbc, String name, Row... rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("A retention keeps at least one table");
        }
        this.jdbc = jdbc;
        this.name = name;
        this.rows = List.of(rows);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    @Transactional
    public long clean(Instant now) {
        long deleted = 0;
        for (Row row : rows) {
            deleted += jdbc.sql(row.delete()).param(row.cutoff(now)).update();
        }
        return deleted;
    }

    /**
     * Rows of {@code table} whose {@code column} lies more than {@code maxAge} back are deleted, of those
     * that meet {@code condition}, when there is one.
     */
    public record Row(String table, String column, boolean utcDay, Duration maxAge, String condition) {

        private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

        public Row {
            if (!NAME.matcher(table).matches() || !NAME.matcher(column).matches()) {
                throw new IllegalArgumentException("Not a table and column name: " + table + "." + column);
            }
        }

        /** A timestamp column: rows whose moment lies more than {@code maxAge} back. */
        public static Row timestamp(String table, String column, Duration maxAge) {
            return new Row(table, column, false, maxAge, null);
        }

        /** A {@code day} column of UTC dates: rows of days before the day {@code maxAge} back. */
        public static Row day(String table, Duration maxAge) {
            return new Row(table, "day", true, maxAge, null);
        }

        /** Only rows that also meet this SQL condition (a constant, never input). */
        public Row where(String sqlCondition) {
            return new Row(table, column, utcDay, maxAge, sqlCondition);
        }

        String delete() {
            return "DELETE FROM " + table + " WHERE " + column + " < ?"
                    + (condition == null ? "" : " AND " + condition);
        }

        Object cutoff(Instant now) {
            Instant oldest = now.minus(maxAge);
            return utcDay ? LocalDate.ofInstant(oldest, ZoneOffset.UTC) : Timestamp.from(oldest);
        }
    }
}
