package org.enverify.platform.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The contract's error object; {@code error_code} duplicates {@code errorCode} for old clients. */
public record ApiError(
        String error,
        String errorCode,
        @JsonProperty("error_code") String legacyErrorCode) {

    public ApiError(String message, ErrorCode code) {
        this(message, code.wireValue(), code.wireValue());
    }
}
