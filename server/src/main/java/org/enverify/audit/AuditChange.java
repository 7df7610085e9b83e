package org.enverify.audit;

/** One changed field of an audit entry; null where the field had no value, {@code [redacted]} for a secret. */
public record AuditChange(String before, String after) {}
