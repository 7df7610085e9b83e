package org.enverify.code.api;

record ExpireCodeResponse(String uuid, long expiresAtTimestamp, long longExpiresAtTimestamp, String padding) {}
