package org.enverify.platform;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * The database or Redis out of reach for a moment, as during a failover: no connection to be had, the one in use
 * broken (SQLSTATE class 08), or the server shutting down (57P01 to 57P03). A request that failed so may be sent
 * again shortly, by a person or a client.
 */
public final class DataStoreOutage {

    /** About the time a connection pool needs to find a promoted primary. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    private DataStoreOutage() {}

    /** Whether an outage caused the failure; a failed rollback on a broken connection hides the failure behind it. */
    public static boolean causedFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessResourceException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException
                    || (cause instanceof SQLException sql && connectionLost(sql.getSQLState()))) {
                return true;
            }
            if (cause instanceof TransactionSystemException rollback
                    && rollback.getApplicationException() != null
                    && causedFailure(rollback.getApplicationException())) {
                return true;
            }
        }
        return false;
    }

    private static boolean connectionLost(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.matches("57P0[123]"));
    }
}
