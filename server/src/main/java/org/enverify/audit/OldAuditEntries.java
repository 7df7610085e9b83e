package org.enverify.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.enverify.jobs.CleanupStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Deletes audit entries older than {@code ENVERIFY_AUDIT_MAX_AGE}, as a whole prefix of each chain,
 * after moving the chain's checkpoint to the last deleted entry, so the rest still verifies. A chain
 * whose prefix does not verify is left alone: retention must not erase the evidence of tampering.
 */
@Component
class OldAuditEntries implements CleanupStep {

    private static final Logger log = LoggerFactory.getLogger(OldAuditEntries.class);

    private final AuditRepository repository;
    private final AuditVerifier verifier;
    private final AuditSettings settings;
    private final TransactionOperations transactions;

    OldAuditEntries(
            AuditRepository repository,
            AuditVerifier verifier,
            AuditSettings settings,
            TransactionOperations transactions) {
        this.repository = repository;
        this.verifier = verifier;
        this.settings = settings;
        this.transactions = transactions;
    }

    @Override
    public String name() {
        return "old audit entries";
    }

    @Override
    public long clean(Instant now) {
        Instant cutoff = now.minus(settings.maxAge());
        long deleted = 0;
        List<String> refused = new ArrayList<>();
        for (long chain : repository.chainIds()) {
            Long pruned = transactions.execute(status -> pruneChain(chain, cutoff, now, refused));
            deleted += pruned == null ? 0 : pruned;
        }
        if (!refused.isEmpty()) {
            throw new IllegalStateException("audit chains that do not verify were not pruned: " + refused);
        }
        return deleted;
    }

    private long pruneChain(long chain, Instant cutoff, Instant now, List<String> refused) {
        Optional<AuditRepository.Chain> locked = repository.lockExistingHead(chain);
        if (locked.isEmpty()) {
            refused.add("the entries of chain " + chain + " have no head");
            return 0;
        }
        AuditRepository.Chain head = locked.get();
        long through = repository.prunableThrough(head, cutoff);
        if (through <= head.prunedSeq()) {
            return 0;
        }
        Optional<AuditVerifier.ChainBreak> broken =
                verifier.check(head, through).broken();
        Optional<String> hash = repository.hashOf(chain, through);
        if (broken.isPresent() || hash.isEmpty()) {
            String problem = broken.map(AuditVerifier.ChainBreak::describe).orElse("entry " + through + " is missing");
            log.error("Audit retention skipped a chain: {}", problem);
            refused.add(problem);
            return 0;
        }
        return repository.prune(chain, through, hash.get(), now);
    }
}
