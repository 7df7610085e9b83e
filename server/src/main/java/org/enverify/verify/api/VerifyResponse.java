package org.enverify.verify.api;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_NULL)
record VerifyResponse(String testtype, String symptomDate, String testDate, String token, String padding) {}
