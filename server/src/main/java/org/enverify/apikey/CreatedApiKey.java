package org.enverify.apikey;

/** A new key: {@code key} is shown once and cannot be recovered. */
public record CreatedApiKey(ApiKeySummary summary, String key) {}
