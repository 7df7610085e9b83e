package org.enverify.platform.api;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A wrong method is refused before any controller is chosen, so the API's own handler never sees it;
 * this one answers with the contract's error object all the same (the management API's envelope on its paths).
 */
@RestControllerAdvice
class MethodNotAllowedHandler {

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Object> wrongMethod(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        var response = ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).contentType(MediaType.APPLICATION_JSON);
        if (e.getSupportedHttpMethods() != null) {
            response.allow(e.getSupportedHttpMethods().toArray(HttpMethod[]::new));
        }
        String message = "method " + e.getMethod() + " is not allowed here";
        return response.body(
                ManagementError.isManagementPath(request.getRequestURI())
                        ? new ManagementError(ErrorCode.UNPARSABLE_REQUEST, message, null)
                        : new ApiError(message, ErrorCode.UNPARSABLE_REQUEST));
    }
}
