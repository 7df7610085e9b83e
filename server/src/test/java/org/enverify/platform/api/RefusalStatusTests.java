package org.enverify.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.HttpStatus;

/** The contract's status for each error code a domain refusal carries (spec/api.md). */
class RefusalStatusTests {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "UNAUTHORIZED, 401",
        "MAINTENANCE_MODE, 429",
        "QUOTA_EXCEEDED, 429",
        "UUID_ALREADY_EXISTS, 409",
        "USER_REPORT_TRY_LATER, 409",
        "CODE_NOT_FOUND, 404",
        "NOT_FOUND, 404",
        "INTERNAL_SERVER_ERROR, 500",
        "UNSUPPORTED_TEST_TYPE, 400",
        "CODE_ALREADY_CLAIMED, 400",
        "SMS_QUEUE_FULL, 400",
        "TOKEN_EXPIRED, 400",
        "INSUFFICIENT_SCOPE, 403",
        "PRECONDITION_FAILED, 412",
        "IDEMPOTENCY_KEY_REUSED, 422"
    })
    void eachCodeHasTheContractsStatus(ErrorCode code, int status) {
        assertThat(RefusalStatus.of(code).value()).isEqualTo(status);
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void onlyTheServersOwnFailureIsA5xx(ErrorCode code) {
        assertThat(RefusalStatus.of(code).is5xxServerError()).isEqualTo(code == ErrorCode.INTERNAL_SERVER_ERROR);
        assertThat(RefusalStatus.of(code)).isNotEqualTo(HttpStatus.OK);
    }
}
