package org.enverify.audit.api;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.enverify.audit.AuditEntries;
import org.enverify.audit.AuditEntry;
import org.enverify.audit.AuditPage;
import org.enverify.audit.AuditQuery;
import org.enverify.management.api.Page;
import org.enverify.management.api.RealmCaller;
import org.enverify.management.api.RequireScope;
import org.enverify.platform.ListQuery;
import org.enverify.platform.Listing;
import org.enverify.platform.api.ApiException;
import org.enverify.platform.api.ErrorCode;
import org.enverify.realm.Permission;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** The audit trail in the management API's GraphQL {@code Realm}: the realm's own chain, newest first. */
@Controller
class AuditGraphQlController {

    /** One changed field of an entry. */
    record FieldChange(String field, String before, String after) {}

    private final AuditEntries entries;

    AuditGraphQlController(AuditEntries entries) {
        this.entries = entries;
    }

    @SchemaMapping(typeName = "Realm")
    Page<AuditEntry> auditEvents(
            @RequireScope(Permission.AUDIT_READ) RealmCaller caller,
            ListQuery page,
            @Argument String from,
            @Argument String to,
            @Argument String actor) {
        LocalDate first = day("from", from);
        LocalDate last = day("to", to);
        if (first != null && last != null && first.isAfter(last)) {
            throw ApiException.badRequest(ErrorCode.UNPARSABLE_REQUEST, "from must not be after to")
                    .about("from");
        }
        AuditPage found =
                entries.page(caller.realm(), new AuditQuery(first, last, actor, page.page() - 1, page.limit()));
        return Page.of(new Listing<>(found.entries(), found.total()), page);
    }

    @SchemaMapping(typeName = "AuditEvent")
    List<FieldChange> changes(AuditEntry entry) {
        return entry.diff().entrySet().stream()
                .map(change -> new FieldChange(
                        change.getKey(),
                        change.getValue().before(),
                        change.getValue().after()))
                .toList();
    }

    private static LocalDate day(String argument, String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(ErrorCode.UNPARSABLE_REQUEST, argument + " must be a day, YYYY-MM-DD")
                    .about(argument);
        }
    }
}
