package org.enverify.userreport.api;

import tools.jackson.databind.JsonNode;

record UserReportRequest(
        String symptomDate, String testDate, Double tzOffset, String phone, String nonce, JsonNode padding) {}
