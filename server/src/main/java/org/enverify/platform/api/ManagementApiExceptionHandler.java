package org.enverify.platform.api;

import org.enverify.platform.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Turns every failure of a management API handler into the envelope's error object; never a stack trace. */
@RestControllerAdvice(annotations = ManagementApi.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ManagementApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ManagementApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ManagementError> refused(ApiException refused) {
        return ManagementError.of(refused);
    }

    @ExceptionHandler(Refusal.class)
    ResponseEntity<ManagementError> refused(Refusal refusal) {
        return ManagementError.answer(
                RefusalStatus.of(refusal.code()),
                refusal.code(),
                refusal.apiText(),
                refusal.firstField().orElse(null));
    }

    /** A path id that is not an id names nothing, as an id of another realm does. */
    @ExceptionHandler({MethodArgumentTypeMismatchException.class, NoResourceFoundException.class})
    ResponseEntity<ManagementError> notFound() {
        return ManagementError.answer(HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND, "not found", null);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ManagementError> failed(Exception e) {
        if (ApiExceptionHandler.outOfReach(e)) {
            log.warn(
                    "Request failed: a data store is out of reach ({})",
                    e.getClass().getSimpleName());
            ResponseEntity<ManagementError> unavailable = ManagementError.answer(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    ErrorCode.INTERNAL_SERVER_ERROR,
                    "temporarily unavailable, retry shortly",
                    null);
            return ResponseEntity.status(unavailable.getStatusCode())
                    .headers(unavailable.getHeaders())
                    .header(
                            HttpHeaders.RETRY_AFTER,
                            Long.toString(ApiExceptionHandler.RETRY_AFTER_UNAVAILABLE.toSeconds()))
                    .body(unavailable.getBody());
        }
        log.error("Request failed", e);
        return ManagementError.answer(
                HttpStatus.INTERNAL_SERVER_ERROR, ErrorCode.INTERNAL_SERVER_ERROR, "internal error", null);
    }
}
