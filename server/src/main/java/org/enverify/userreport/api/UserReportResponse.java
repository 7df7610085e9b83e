package org.enverify.userreport.api;

record UserReportResponse(String expiresAt, long expiresAtTimestamp, String padding) {}
