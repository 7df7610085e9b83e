package org.enverify.platform.api;

import org.springframework.http.HttpStatus;

/** The contract's status for each error code of a domain refusal (spec/api.md); the one table of them. */
public final class RefusalStatus {

    private RefusalStatus() {}

    public static HttpStatus of(ErrorCode code) {
        return switch (code) {
            case UNAUTHORIZED -> HttpStatus.UNAUTHORIZED;
            case RATE_LIMITED, MAINTENANCE_MODE, QUOTA_EXCEEDED -> HttpStatus.TOO_MANY_REQUESTS;
            case UUID_ALREADY_EXISTS, USER_REPORT_TRY_LATER, LAST_USER_ADMIN, JOB_RUNNING -> HttpStatus.CONFLICT;
            case CODE_NOT_FOUND, NOT_FOUND -> HttpStatus.NOT_FOUND;
            case INSUFFICIENT_SCOPE -> HttpStatus.FORBIDDEN;
            case PRECONDITION_FAILED -> HttpStatus.PRECONDITION_FAILED;
            case IDEMPOTENCY_KEY_REUSED -> HttpStatus.UNPROCESSABLE_CONTENT;
            case INTERNAL_SERVER_ERROR -> HttpStatus.INTERNAL_SERVER_ERROR;
            case UNPARSABLE_REQUEST,
                    INVALID_TEST_TYPE,
                    UNSUPPORTED_TEST_TYPE,
                    MISSING_DATE,
                    INVALID_DATE,
                    CODE_INVALID,
                    CODE_EXPIRED,
                    CODE_ALREADY_CLAIMED,
                    TOKEN_INVALID,
                    TOKEN_EXPIRED,
                    HMAC_INVALID,
                    MISSING_NONCE,
                    MISSING_PHONE,
                    PHONE_NUMBER_INVALID,
                    SMS_FAILURE,
                    SMS_QUEUE_FULL,
                    BULK_DISABLED -> HttpStatus.BAD_REQUEST;
        };
    }
}
