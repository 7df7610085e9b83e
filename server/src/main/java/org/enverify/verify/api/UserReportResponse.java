package org.enverify.verify.api;

record UserReportResponse(String expiresAt, long expiresAtTimestamp, String padding) {}
