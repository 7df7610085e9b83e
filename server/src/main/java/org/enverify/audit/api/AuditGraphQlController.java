package org.enverify.audit.api;

import java.util.List;
import org.enverify.audit.AuditEntries;
import org.enverify.audit.AuditEntry;
import org.enverify.audit.AuditPage;
import org.enverify.management.api.Page;
import org.enverify.management.api.RealmCaller;
import org.enverify.management.api.RequireScope;
import org.enverify.platform.ListQuery;
import org.enverify.platform.Listing;
import org.enverify.realm.Permission;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** The audit trail in the management API's GraphQL {@code Realm}: the realm's own chain, newest first. */
@Controller
class AuditGraphQlController {

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
            @Argument String actor,
            @Argument String action) {
        AuditPage found = entries.page(caller.realm(), new AuditEventFilter(from, to, actor, action).query(page));
        return Page.of(new Listing<>(found.entries(), found.total()), page);
    }

    @SchemaMapping(typeName = "AuditEvent")
    List<FieldChange> changes(AuditEntry entry) {
        return FieldChange.of(entry);
    }
}
