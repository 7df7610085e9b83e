package org.enverify.code.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.enverify.code.IssuedCode;
import org.enverify.platform.api.HttpDates;

/**
 * An issued code on the wire. As upstream, {@code phone} accompanies only a {@code generatedSMS}, which the caller
 * sends itself: a code sent by SMS does not echo the number back.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record IssueCodeResponse(
        String uuid,
        String code,
        String expiresAt,
        long expiresAtTimestamp,
        String longExpiresAt,
        long longExpiresAtTimestamp,
        @JsonProperty("generatedSMS") String generatedSms,
        String phone,
        String padding) {

    static IssueCodeResponse of(IssuedCode code, String padding) {
        return new IssueCodeResponse(
                code.uuid().toString(),
                code.code(),
                HttpDates.format(code.expiresAt()),
                code.expiresAt().getEpochSecond(),
                HttpDates.format(code.longExpiresAt()),
                code.longExpiresAt().getEpochSecond(),
                code.generatedSms(),
                code.generatedSms() == null ? null : code.phone(),
                padding);
    }
}
