package org.enverify.platform.api;

import org.enverify.platform.DataStoreOutage;
import org.enverify.platform.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Turns every failure on an API route into the contract's JSON error; never a stack trace. */
@RestControllerAdvice(annotations = JsonApi.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

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
        if (DataStoreOutage.causedFailure(e)) {
            // The caller may send the same request again shortly, and a load balancer may count the answer
            // as the server's; the code stays internal_server_error, which clients already retry.
            log.warn(
                    "Request failed: a data store is out of reach ({})",
                    e.getClass().getSimpleName());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(DataStoreOutage.RETRY_AFTER.toSeconds()))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(new ApiError("temporarily unavailable, retry shortly", ErrorCode.INTERNAL_SERVER_ERROR));
        }
        log.error("Request failed", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError("internal error", ErrorCode.INTERNAL_SERVER_ERROR));
    }
}
