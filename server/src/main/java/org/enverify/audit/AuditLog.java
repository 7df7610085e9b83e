package org.enverify.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.SortedMap;
import org.enverify.platform.Actor;
import org.enverify.realm.RealmId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes audit entries. Every mutation of realm configuration calls it inside its own transaction,
 * so the entry is stored if and only if the change is; a call outside a transaction fails. Entries of
 * one chain are appended one at a time (the chain's head row is locked until the transaction ends).
 */
@Service
public class AuditLog {

    /** The chain of system-wide entries, which belong to no realm. */
    public static final long SYSTEM_CHAIN = 0;

    private final AuditRepository repository;
    private final AuditSettings settings;
    private final Clock clock;

    AuditLog(AuditRepository repository, AuditSettings settings, Clock clock) {
        this.repository = repository;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Records a change in a realm. The diff holds the fields whose values differ between
     * {@code before} and {@code after} (a field missing on one side counts as null), as text; a field
     * named like a secret (see {@link AuditSettings#redactedNames()}) shows {@code [redacted]}.
     *
     * @param action what was done, such as {@code apikey.disable}
     * @param target what it was done to, such as {@code apikeys:12}
     * @param before the target's fields before the change; empty for something created
     * @param after the target's fields after the change; empty for something deleted
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(
            RealmId realm, Actor actor, String action, String target, Map<String, ?> before, Map<String, ?> after) {
        append(realm.value(), actor, action, target, before, after);
    }

    /** Records a change that belongs to no realm (system keys, system administrators), as {@link #record} does. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordSystemWide(
            Actor actor, String action, String target, Map<String, ?> before, Map<String, ?> after) {
        append(SYSTEM_CHAIN, actor, action, target, before, after);
    }

    private void append(
            long chain, Actor actor, String action, String target, Map<String, ?> before, Map<String, ?> after) {
        requireText(action, "action");
        requireText(target, "target");
        SortedMap<String, AuditChange> diff = AuditDiff.between(before, after, settings);
        AuditRepository.Chain head = repository.lockHead(chain);
        // Read after the lock, so times follow positions within a chain; PostgreSQL keeps microseconds.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        AuditEntry entry =
                new AuditEntry(chain, head.lastSeq() + 1, now, actor.id(), action, target, diff, actor.requestId());
        repository.append(entry, head.lastHash(), EntryHash.of(entry, head.lastHash()));
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank() || value.length() > 200) {
            throw new IllegalArgumentException("An audit entry's " + what + " is 1 to 200 characters");
        }
    }
}
