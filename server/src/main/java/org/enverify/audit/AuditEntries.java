package org.enverify.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.enverify.realm.RealmId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads the audit trail, for the pages that show it; a realm's entries only ever come from its own chain. */
@Service
public class AuditEntries {

    private final AuditRepository repository;

    AuditEntries(AuditRepository repository) {
        this.repository = repository;
    }

    /** The realm's entries that match the query, in its order. */
    @Transactional(readOnly = true)
    public AuditPage page(RealmId realm, AuditQuery query) {
        return page(realm.value(), query);
    }

    /** The system-wide entries that match the query, in its order. */
    @Transactional(readOnly = true)
    public AuditPage pageSystemWide(AuditQuery query) {
        return page(AuditLog.SYSTEM_CHAIN, query);
    }

    private AuditPage page(long chain, AuditQuery query) {
        Instant from = startOf(query.from());
        Instant to = query.to() == null ? null : startOf(query.to().plusDays(1));
        AuditRepository.Filter filter = new AuditRepository.Filter(chain, from, to, query.actor(), query.action());
        return new AuditPage(
                repository.page(filter, query.oldestFirst(), (long) query.page() * query.size(), query.size()),
                query.page(),
                query.size(),
                repository.count(filter));
    }

    private static Instant startOf(LocalDate day) {
        return day == null ? null : day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
