package org.enverify.audit.api;

import java.util.List;
import org.enverify.audit.AuditEntry;

/** One changed field of an audit entry, as both the REST list and GraphQL show it; secrets read {@code [redacted]}. */
record FieldChange(String field, String before, String after) {

    static List<FieldChange> of(AuditEntry entry) {
        return entry.diff().entrySet().stream()
                .map(change -> new FieldChange(
                        change.getKey(),
                        change.getValue().before(),
                        change.getValue().after()))
                .toList();
    }
}
