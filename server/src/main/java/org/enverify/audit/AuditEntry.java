package org.enverify.audit;

import java.time.Instant;
import java.util.SortedMap;

/**
 * One entry of an audit chain.
 *
 * @param chain the realm id, or {@value AuditLog#SYSTEM_CHAIN} for system-wide entries
 * @param seq the entry's position in its chain, from 1; retention deletes the oldest positions only
 * @param actor {@code users:<id>}, {@code apikeys:<id>}, {@code system} or {@code cli}
 * @param action what was done, such as {@code apikey.disable}
 * @param target what it was done to, such as {@code apikeys:12}
 * @param diff the changed fields by name, sorted
 */
public record AuditEntry(
        long chain,
        long seq,
        Instant createdAt,
        String actor,
        String action,
        String target,
        SortedMap<String, AuditChange> diff) {}
