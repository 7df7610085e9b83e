package org.enverify.audit;

import java.time.LocalDate;

/**
 * Which audit entries to show, and in which order.
 *
 * @param from the first UTC day shown, or null for no lower bound
 * @param to the last UTC day shown (inclusive), or null for no upper bound
 * @param actor only this actor's entries ({@code users:5}), or null for everyone's
 * @param action only entries of this action ({@code apikey.disable}), or null for every action
 * @param oldestFirst the order of the chain's positions: oldest first, or newest first
 * @param page the page, from 0
 * @param size entries per page, 1 to {@value #MAX_SIZE}
 */
public record AuditQuery(
        LocalDate from, LocalDate to, String actor, String action, boolean oldestFirst, int page, int size) {

    public static final int MAX_SIZE = 200;

    public AuditQuery {
        if (page < 0 || size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("page must be 0 or more, size 1 to " + MAX_SIZE);
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("from must not be after to");
        }
        actor = actor == null || actor.isBlank() ? null : actor.trim();
        action = action == null || action.isBlank() ? null : action.trim();
    }

    /** Everyone's entries on every day, newest first, page {@code page} of {@code size}. */
    public static AuditQuery all(int page, int size) {
        return new AuditQuery(null, null, null, null, false, page, size);
    }
}
