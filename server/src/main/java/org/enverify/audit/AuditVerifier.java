package org.enverify.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks audit chains: every entry's hash against its content, every entry's link to the one before
 * (or to the retention checkpoint), that no position is missing, and that the chain's head holds its
 * last entry. One snapshot of the database is checked, so entries appended meanwhile do not count.
 */
@Service
public class AuditVerifier {

    private static final int BATCH = 1000;

    private final AuditRepository repository;

    AuditVerifier(AuditRepository repository) {
        this.repository = repository;
    }

    /** Why a chain is broken. */
    public enum Problem {
        /** The entry's content does not hash to its stored hash: it was changed after it was written. */
        HASH_MISMATCH("hash mismatch"),
        /** The entry does not follow the one before it: entries before it are missing, or were replaced. */
        BROKEN_LINK("broken link");

        private final String label;

        Problem(String label) {
            this.label = label;
        }
    }

    /** The first place a chain breaks: chain {@value AuditLog#SYSTEM_CHAIN} is the system-wide one. */
    public record ChainBreak(long chain, long seq, Problem problem, String detail) {

        public String describe() {
            return (chain == AuditLog.SYSTEM_CHAIN ? "system chain" : "realm " + chain) + ", entry " + seq + ": "
                    + problem.label + ": " + detail;
        }
    }

    /** What a check found: the entries and chains it read, and the first break of each broken chain. */
    public record Verification(long entries, int chains, List<ChainBreak> breaks) {

        public boolean intact() {
            return breaks.isEmpty();
        }
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Verification verifyAll() {
        return verify(repository.chainIds());
    }

    /** Checks one chain: a realm's id, or {@value AuditLog#SYSTEM_CHAIN}. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Verification verifyChain(long chain) {
        return verify(List.of(chain));
    }

    private Verification verify(List<Long> chains) {
        long entries = 0;
        List<ChainBreak> breaks = new ArrayList<>();
        int checked = 0;
        for (long chain : chains) {
            Optional<AuditRepository.Chain> head = repository.head(chain);
            if (head.isEmpty()) {
                List<AuditRepository.StoredEntry> orphans =
                        repository.entries(chain, Long.MIN_VALUE, Long.MAX_VALUE, 1);
                if (!orphans.isEmpty()) {
                    checked++;
                    breaks.add(new ChainBreak(
                            chain, orphans.getFirst().entry().seq(), Problem.BROKEN_LINK, "the chain has no head"));
                }
                continue;
            }
            checked++;
            ChainCheck check = check(head.get(), head.get().lastSeq());
            entries += check.verified();
            check.broken().ifPresent(breaks::add);
        }
        return new Verification(entries, checked, List.copyOf(breaks));
    }

    /** How many entries of a chain verified, and where it broke if it did. */
    record ChainCheck(long verified, Optional<ChainBreak> broken) {}

    /**
     * Checks the chain's entries up to {@code throughSeq}; when that is the chain's last position, a
     * chain cut short or a head that disagrees is a break too.
     */
    ChainCheck check(AuditRepository.Chain head, long throughSeq) {
        long chain = head.chain();
        long verified = 0;
        long expectedSeq = head.prunedSeq() + 1;
        String expectedPrevious = head.prunedHash();
        long after = Long.MIN_VALUE;
        while (true) {
            List<AuditRepository.StoredEntry> batch = repository.entries(chain, after, throughSeq, BATCH);
            for (AuditRepository.StoredEntry stored : batch) {
                long seq = stored.entry().seq();
                if (seq < expectedSeq) {
                    return broken(
                            verified,
                            chain,
                            seq,
                            Problem.BROKEN_LINK,
                            "its position was passed already or is covered by the retention checkpoint");
                }
                if (seq > expectedSeq) {
                    return broken(
                            verified, chain, seq, Problem.BROKEN_LINK, missing(expectedSeq, seq - 1) + " before it");
                }
                if (!stored.previousHash().equals(expectedPrevious)) {
                    return broken(
                            verified,
                            chain,
                            seq,
                            Problem.BROKEN_LINK,
                            "its previous hash is not the hash of "
                                    + (seq - 1 == head.prunedSeq() && head.prunedSeq() > 0
                                            ? "the retention checkpoint (entry " + head.prunedSeq() + ")"
                                            : seq == 1 ? "the chain's start" : "entry " + (seq - 1)));
                }
                if (!EntryHash.of(stored.entry(), stored.previousHash()).equals(stored.hash())) {
                    return broken(
                            verified,
                            chain,
                            seq,
                            Problem.HASH_MISMATCH,
                            "its content was changed after it was written");
                }
                verified++;
                expectedPrevious = stored.hash();
                expectedSeq++;
            }
            if (batch.size() < BATCH) {
                break;
            }
            after = batch.getLast().entry().seq();
        }
        if (throughSeq == head.lastSeq()) {
            if (expectedSeq - 1 < head.lastSeq()) {
                return broken(
                        verified,
                        chain,
                        expectedSeq,
                        Problem.BROKEN_LINK,
                        missing(expectedSeq, head.lastSeq()) + ", though the chain's head names entry "
                                + head.lastSeq());
            }
            if (!expectedPrevious.equals(head.lastHash())) {
                return broken(
                        verified,
                        chain,
                        head.lastSeq(),
                        Problem.HASH_MISMATCH,
                        "the chain's head does not hold the hash of its last entry");
            }
        }
        return new ChainCheck(verified, Optional.empty());
    }

    private static ChainCheck broken(long verified, long chain, long seq, Problem problem, String detail) {
        return new ChainCheck(verified, Optional.of(new ChainBreak(chain, seq, problem, detail)));
    }

    private static String missing(long first, long last) {
        return first == last ? "entry " + first + " is missing" : "entries " + first + " to " + last + " are missing";
    }
}
