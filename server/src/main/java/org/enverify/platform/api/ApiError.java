package org.enverify.platform.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;
import org.enverify.platform.Refusal;
import org.springframework.http.HttpStatus;

/** The contract's error object; {@code error_code} duplicates {@code errorCode} for old clients. */
public record ApiError(
        String error,
        String errorCode,
        @JsonProperty("error_code") String legacyErrorCode) {

    public ApiError(String message, ErrorCode code) {
        this(message, code.wireValue(), code.wireValue());
    }

    public static ApiError of(Refusal refusal) {
        return new ApiError(refusal.apiText(), refusal.code());
    }

    /**
     * The error object for a status that no handler of ours chose (an unknown route, a wrong method,
     * a request the web server refused before any handler): its reason phrase and the nearest code.
     */
    static ApiError forStatus(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        String message =
                known == null ? "request failed" : known.getReasonPhrase().toLowerCase(Locale.ROOT);
        ErrorCode code;
        if (status == HttpStatus.UNAUTHORIZED.value()) {
            code = ErrorCode.UNAUTHORIZED;
        } else if (status == HttpStatus.TOO_MANY_REQUESTS.value()) {
            code = ErrorCode.RATE_LIMITED;
        } else if (status >= 500) {
            code = ErrorCode.INTERNAL_SERVER_ERROR;
        } else {
            code = ErrorCode.UNPARSABLE_REQUEST;
        }
        return new ApiError(message, code);
    }
}
