package org.enverify.code.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.enverify.code.IssueCodeCommand;
import tools.jackson.databind.JsonNode;

record IssueCodeRequest(
        String symptomDate,
        String testDate,
        String testType,
        Double tzOffset,
        String phone,
        String smsTemplateLabel,
        String uuid,
        @JsonProperty("externalIssuerID") String externalIssuerId,
        @JsonProperty("onlyGenerateSMS") Boolean onlyGenerateSms,
        JsonNode padding) {

    IssueCodeCommand toCommand() {
        return new IssueCodeCommand(
                symptomDate,
                testDate,
                testType,
                tzOffset,
                phone,
                smsTemplateLabel,
                uuid,
                externalIssuerId,
                Boolean.TRUE.equals(onlyGenerateSms));
    }
}
