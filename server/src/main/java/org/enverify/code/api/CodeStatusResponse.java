package org.enverify.code.api;

record CodeStatusResponse(boolean claimed, long expiresAtTimestamp, long longExpiresAtTimestamp, String padding) {}
