package org.enverify.platform.api;

import java.util.Locale;

/** The wire error codes of the API contract; a code never changes meaning once published. */
public enum ErrorCode {
    UNPARSABLE_REQUEST,
    UNAUTHORIZED,
    RATE_LIMITED,
    MAINTENANCE_MODE,
    INVALID_TEST_TYPE,
    UNSUPPORTED_TEST_TYPE,
    MISSING_DATE,
    INVALID_DATE,
    UUID_ALREADY_EXISTS,
    QUOTA_EXCEEDED,
    CODE_INVALID,
    CODE_EXPIRED,
    CODE_NOT_FOUND,
    CODE_ALREADY_CLAIMED,
    TOKEN_INVALID,
    TOKEN_EXPIRED,
    HMAC_INVALID,
    MISSING_NONCE,
    MISSING_PHONE,
    PHONE_NUMBER_INVALID,
    SMS_FAILURE,
    SMS_QUEUE_FULL,
    USER_REPORT_TRY_LATER,
    BULK_DISABLED,
    NOT_FOUND,
    INSUFFICIENT_SCOPE,
    PRECONDITION_FAILED,
    IDEMPOTENCY_KEY_REUSED,
    LAST_USER_ADMIN,
    JOB_RUNNING,
    INTERNAL_SERVER_ERROR;

    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
