package org.enverify.code;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.enverify.abuse.RealmQuota;
import org.enverify.platform.Refusal;
import org.enverify.realm.Realm;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issues a batch ({@code /api/batch-issue}): each request succeeds or fails on its own, exactly as
 * {@link Codes#issue} would answer it. The plain requests (no SMS, no uuid of the caller's) are
 * stored together, with one multi-row insert and one commit instead of one of each per code; the
 * others, and a plain one whose drawn code collided, take the single way.
 */
@Service
public class CodeBatches {

    /** One request's outcome: its code, or why it has none. */
    public record Outcome(IssuedCode code, Refusal failure) {}

    private record Drawn(int index, CodeRepository.NewCode row, String shortCode) {}

    private final Codes codes;
    private final CodeRepository repository;
    private final RealmQuota quota;
    private final TransactionTemplate transactions;

    CodeBatches(Codes codes, CodeRepository repository, RealmQuota quota, TransactionTemplate transactions) {
        this.codes = codes;
        this.repository = repository;
        this.quota = quota;
        this.transactions = transactions;
    }

    /** @return one outcome per command, in their order */
    public List<Outcome> issue(Realm realm, Issuer issuer, List<IssueCodeCommand> commands) {
        Outcome[] outcomes = new Outcome[commands.size()];
        List<Drawn> plain = new ArrayList<>();
        List<Integer> single = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            IssueCodeCommand command = commands.get(i);
            try {
                Codes.Checked checked = codes.check(realm, command, false);
                if (!checked.plain()) {
                    single.add(i);
                    continue;
                }
                String shortCode = CodeGenerator.shortCode(
                        realm.settings(CodeRealmSettings.class).codeLength());
                String longCode = CodeGenerator.longCode(
                        realm.settings(CodeRealmSettings.class).longCodeLength());
                plain.add(new Drawn(
                        i,
                        codes.row(realm, issuer, checked, command, UUID.randomUUID(), shortCode, longCode, null),
                        shortCode));
            } catch (Refusal e) {
                outcomes[i] = new Outcome(null, e);
            }
        }
        if (!plain.isEmpty()) {
            Stored stored = transactions.execute(status -> store(realm, issuer, plain));
            for (Drawn drawn : plain) {
                CodeRepository.NewCode row = drawn.row();
                if (stored.overQuota().contains(row.uuid())) {
                    outcomes[drawn.index()] = new Outcome(null, Codes.quotaExceeded());
                } else if (stored.inserted().contains(row.uuid())) {
                    outcomes[drawn.index()] = new Outcome(
                            new IssuedCode(
                                    row.uuid(), drawn.shortCode(), row.expiresAt(), row.longExpiresAt(), null, null),
                            null);
                } else {
                    single.add(drawn.index()); // its drawn code collided with a stored one
                }
            }
        }
        for (int i : single) {
            try {
                outcomes[i] = new Outcome(codes.issue(realm, issuer, commands.get(i)), null);
            } catch (Refusal e) {
                outcomes[i] = new Outcome(null, e);
            }
        }
        return List.of(outcomes);
    }

    private record Stored(Set<UUID> inserted, Set<UUID> overQuota) {}

    /** The quota is taken per stored code, in request order; the codes beyond it are removed again. */
    private Stored store(Realm realm, Issuer issuer, List<Drawn> plain) {
        Set<UUID> inserted =
                repository.insertAllUnlessTaken(plain.stream().map(Drawn::row).toList());
        List<UUID> overQuota = new ArrayList<>();
        for (Drawn drawn : plain) {
            CodeRepository.NewCode row = drawn.row();
            if (!inserted.contains(row.uuid())) {
                continue;
            }
            if (overQuota.isEmpty() && quota.tryTake(realm)) {
                codes.recordIssued(realm.id(), issuer, row);
            } else {
                overQuota.add(row.uuid());
            }
        }
        if (!overQuota.isEmpty()) {
            repository.deleteAll(realm.id(), overQuota);
        }
        return new Stored(inserted, Set.copyOf(overQuota));
    }
}
