package org.enverify.audit.api;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.enverify.audit.AuditActions;
import org.enverify.audit.AuditQuery;
import org.enverify.platform.Actor;
import org.enverify.platform.ListQuery;
import org.enverify.platform.api.ApiException;
import org.enverify.platform.api.ErrorCode;

/**
 * The filter of a realm's audit events as the REST list and the GraphQL field take it, each value refused about
 * its own parameter: days {@code YYYY-MM-DD} ({@code from} not after {@code to}), an actor as the trail stores
 * it, and an action the trail records. A value left out or blank filters nothing.
 */
record AuditEventFilter(String from, String to, String actor, String action) {

    /** The page of entries the list asks for, in its order (newest first unless ascending). */
    AuditQuery query(ListQuery page) {
        LocalDate first = day("from", from);
        LocalDate last = day("to", to);
        if (first != null && last != null && first.isAfter(last)) {
            throw refused("from", "from must not be after to");
        }
        if (given(actor) && !Actor.isActorId(actor)) {
            throw refused("actor", "actor must be users:<id>, apikeys:<id>, oauth:<subject>, system or cli");
        }
        if (given(action) && !AuditActions.isKnown(action)) {
            throw refused(
                    "action", "action must be one the audit trail records: " + String.join(", ", AuditActions.all()));
        }
        return new AuditQuery(first, last, actor, action, !page.descending(), page.page() - 1, page.limit());
    }

    private static LocalDate day(String parameter, String text) {
        if (!given(text)) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw refused(parameter, parameter + " must be a day, YYYY-MM-DD");
        }
    }

    private static boolean given(String text) {
        return text != null && !text.isBlank();
    }

    private static ApiException refused(String parameter, String message) {
        return ApiException.badRequest(ErrorCode.UNPARSABLE_REQUEST, message).about(parameter);
    }
}
