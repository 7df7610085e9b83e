package org.enverify.audit;

import java.time.Instant;
import java.util.SortedMap;

/**
 * One entry of an audit chain.
 *
 * @param chain the realm id, or {@value AuditLog#SYSTEM_CHAIN} for system-wide entries
 * @param seq the entry's position in its chain, from 1; retention deletes the oldest positions only
 * @param actor {@code users:<id>}, {@code apikeys:<id>}, {@code oauth:<subject>}, {@code system} or {@code cli}
 * @param action what was done, such as {@code apikey.disable}
 * @param target what it was done to, such as {@code apikeys:12}
 * @param diff the changed fields by name, sorted
 * @param requestId the id of the request that made the change ({@code X-Request-Id}); null when none did
 */
public record AuditEntry(
        long chain,
        long seq,
        Instant createdAt,
        String actor,
        String action,
        String target,
        SortedMap<String, AuditChange> diff,
        String requestId) {

    /** An entry no request made. */
    public AuditEntry(
            long chain,
            long seq,
            Instant createdAt,
            String actor,
            String action,
            String target,
            SortedMap<String, AuditChange> diff) {
        this(chain, seq, createdAt, actor, action, target, diff, null);
    }
}
