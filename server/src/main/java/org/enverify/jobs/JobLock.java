package org.enverify.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A PostgreSQL session advisory lock held on its own connection for the length of one job run, so
 * it spans the job's many short transactions and is released even if this process dies.
 */
final class JobLock implements AutoCloseable {

    private final Connection connection;
    private final String name;

    private JobLock(Connection connection, String name) {
        this.connection = connection;
        this.name = name;
    }

    /** @return the held lock, or null when another session holds it */
    static JobLock tryAcquire(DataSource dataSource, String job) throws SQLException {
        String name = "enverify.job." + job;
        Connection connection = dataSource.getConnection();
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
            statement.setString(1, name);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                if (result.getBoolean(1)) {
                    return new JobLock(connection, name);
                }
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        connection.close();
        return null;
    }

    @Override
    public void close() throws SQLException {
        try (connection;
                PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_unlock(hashtext(?))")) {
            statement.setString(1, name);
            statement.execute();
        }
    }
}
