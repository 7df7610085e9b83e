package org.enverify.platform.api;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.enverify.platform.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Turns every failure on an API route into the contract's JSON error; never a stack trace. */
@RestControllerAdvice(annotations = JsonApi.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /** About the time a connection pool needs to find a promoted primary. */
    static final Duration RETRY_AFTER_UNAVAILABLE = Duration.ofSeconds(2);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> refused(ApiException e) {
        return ResponseEntity.status(e.status())
                .contentType(MediaType.APPLICATION_JSON)
                .body(e.body());
    }

    @ExceptionHandler(Refusal.class)
    ResponseEntity<ApiError> refused(Refusal refusal) {
        return ResponseEntity.status(RefusalStatus.of(refusal.code()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(ApiError.of(refusal));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Void> notFound() {
        return ResponseEntity.notFound().build();
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> failed(Exception e) {
        if (outOfReach(e)) {
            // The caller may send the same request again shortly, and a load balancer may count the answer
            // as the server's; the code stays internal_server_error, which clients already retry.
            log.warn(
                    "Request failed: a data store is out of reach ({})",
                    e.getClass().getSimpleName());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_UNAVAILABLE.toSeconds()))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(new ApiError("temporarily unavailable, retry shortly", ErrorCode.INTERNAL_SERVER_ERROR));
        }
        log.error("Request failed", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError("internal error", ErrorCode.INTERNAL_SERVER_ERROR));
    }

    /**
     * Whether the failure is the database or Redis being out of reach for a moment, as during a failover:
     * no connection to be had, or the one in use broken (SQLSTATE class 08), or the server shutting down
     * (57P01 to 57P03). A failed rollback on a broken connection hides the failure that caused it.
     */
    static boolean outOfReach(Throwable failure) {
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
                    && outOfReach(rollback.getApplicationException())) {
                return true;
            }
        }
        return false;
    }

    private static boolean connectionLost(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.matches("57P0[123]"));
    }
}
