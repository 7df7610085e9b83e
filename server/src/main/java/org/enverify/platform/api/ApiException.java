package org.enverify.platform.api;

import org.springframework.http.HttpStatus;

/** A refusal the client caused; rendered as the contract's error object with its status. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final ErrorCode code;
    private final String field;

    public ApiException(HttpStatus status, ErrorCode code, String message) {
        this(status, code, message, null);
    }

    private ApiException(HttpStatus status, ErrorCode code, String message, String field) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    /** The same refusal, about the named request field or parameter (the management API's {@code field}). */
    public ApiException about(String requestField) {
        return new ApiException(status, code, getMessage(), requestField);
    }

    public static ApiException badRequest(ErrorCode code, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, code, message);
    }

    public static ApiException unauthorized() {
        return new ApiException(HttpStatus.UNAUTHORIZED, ErrorCode.UNAUTHORIZED, "unauthorized");
    }

    public static ApiException maintenance() {
        return new ApiException(
                HttpStatus.TOO_MANY_REQUESTS,
                ErrorCode.MAINTENANCE_MODE,
                "the server is in maintenance mode; try again later");
    }

    public HttpStatus status() {
        return status;
    }

    public ErrorCode code() {
        return code;
    }

    /** The request field or parameter refused; null when the refusal concerns no single one. */
    public String field() {
        return field;
    }

    public ApiError body() {
        return new ApiError(getMessage(), code);
    }
}
