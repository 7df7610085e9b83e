package org.enverify.audit.api;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.enverify.audit.AuditEntries;
import org.enverify.audit.AuditEntry;
import org.enverify.audit.AuditPage;
import org.enverify.audit.AuditVerifier;
import org.enverify.management.api.Envelope;
import org.enverify.management.api.Paging;
import org.enverify.management.api.RealmCaller;
import org.enverify.management.api.RequireScope;
import org.enverify.platform.ListQuery;
import org.enverify.platform.Listing;
import org.enverify.platform.api.ManagementApi;
import org.enverify.realm.Permission;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A realm's audit trail for its auditors' systems (a SIEM pulling it): the realm's own chain, filtered as the
 * GraphQL field is, and whether the chain verifies, by the same check as {@code audit verify --realm}.
 */
@RestController
@ManagementApi
class AuditEventsApiController {

    private final AuditEntries entries;
    private final AuditVerifier verifier;

    AuditEventsApiController(AuditEntries entries, AuditVerifier verifier) {
        this.entries = entries;
        this.verifier = verifier;
    }

    /** An entry as the API shows it: its position in the chain is its id. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record AuditEventView(
            String seq,
            Instant createdAt,
            String actor,
            String action,
            String target,
            List<FieldChange> changes,
            String requestId) {

        static AuditEventView of(AuditEntry entry) {
            return new AuditEventView(
                    Long.toString(entry.seq()),
                    entry.createdAt(),
                    entry.actor(),
                    entry.action(),
                    entry.target(),
                    FieldChange.of(entry),
                    entry.requestId());
        }
    }

    /**
     * The result of checking the realm's chain.
     *
     * @param entriesVerified the entries that verified, up to the first break
     * @param firstBreak where the chain breaks; absent when it is intact
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record VerificationView(boolean intact, long entriesVerified, ChainBreakView firstBreak) {

        static VerificationView of(AuditVerifier.Verification verification) {
            return new VerificationView(
                    verification.intact(),
                    verification.entries(),
                    verification.breaks().stream()
                            .findFirst()
                            .map(ChainBreakView::of)
                            .orElse(null));
        }
    }

    /** @param problem {@code hash_mismatch} (the entry was changed) or {@code broken_link} (entries missing or replaced) */
    record ChainBreakView(String seq, String problem, String detail) {

        static ChainBreakView of(AuditVerifier.ChainBreak broken) {
            return new ChainBreakView(
                    Long.toString(broken.seq()), broken.problem().name().toLowerCase(Locale.ROOT), broken.detail());
        }
    }

    @GetMapping("/api/v1/realms/{realmId}/audit-events")
    Envelope<List<AuditEventView>> list(
            @RequireScope(Permission.AUDIT_READ) RealmCaller caller,
            @Paging(sorts = "created_at") ListQuery query,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action) {
        AuditPage found = entries.page(caller.realm(), new AuditEventFilter(from, to, actor, action).query(query));
        return Envelope.page(new Listing<>(found.entries(), found.total()), query, AuditEventView::of);
    }

    @GetMapping("/api/v1/realms/{realmId}/audit-events/verification")
    Envelope<VerificationView> verification(@RequireScope(Permission.AUDIT_READ) RealmCaller caller) {
        return Envelope.of(
                VerificationView.of(verifier.verifyChain(caller.realm().value())));
    }
}
