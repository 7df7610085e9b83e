package org.enverify.audit;

import java.util.List;

/** One page of audit entries, newest first, and how many entries the query matches in all. */
public record AuditPage(List<AuditEntry> entries, int page, int size, long total) {

    public boolean hasNext() {
        return (long) (page + 1) * size < total;
    }
}
