package org.enverify.code.bulk;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.enverify.code.Codes;
import org.enverify.code.IssueCodeCommand;
import org.enverify.code.Issuer;
import org.enverify.jobs.OneTimeJob;
import org.enverify.platform.Refusal;
import org.enverify.platform.api.ErrorCode;
import org.enverify.platform.crypto.SecretCipher;
import org.enverify.realm.Realm;
import org.enverify.realm.RealmId;
import org.enverify.realm.Realms;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issues a bulk upload's pending rows. Each row is issued and marked in one transaction, so a crash
 * leaves it either done or pending; a row whose code exists already (issued by a run that died before
 * marking it) counts as issued. Maintenance stops the run to be retried later rather than failing rows.
 */
@Component
class BulkIssueJob implements OneTimeJob<BulkIssueJob.Work> {

    static final int CHUNK = 200;

    record Work(RealmId realm, UUID bulk) {}

    private final BulkIssueRepository repository;
    private final Codes codes;
    private final Realms realms;
    private final SecretCipher cipher;
    private final TransactionTemplate transactions;
    private final Clock clock;

    BulkIssueJob(
            BulkIssueRepository repository,
            Codes codes,
            Realms realms,
            SecretCipher cipher,
            TransactionTemplate transactions,
            Clock clock) {
        this.repository = repository;
        this.codes = codes;
        this.realms = realms;
        this.cipher = cipher;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "bulk-issue";
    }

    @Override
    public Class<Work> dataType() {
        return Work.class;
    }

    @Override
    public void execute(Work work) {
        process(work.realm(), work.bulk(), Integer.MAX_VALUE);
    }

    /** Issues at most {@code maxRows} pending rows; the whole file when the limit is not reached. */
    void process(RealmId realmId, UUID bulk, int maxRows) {
        Realm realm =
                realms.find(realmId).orElseThrow(() -> new IllegalStateException("Realm " + realmId + " is gone"));
        Issuer issuer =
                repository.issuer(realmId, bulk).orElseThrow(() -> new IllegalStateException("No bulk issue " + bulk));
        repository.setStatus(realmId, bulk, "running", null);
        int done = 0;
        while (done < maxRows) {
            List<BulkIssueRepository.PendingRow> rows =
                    repository.pending(realmId, bulk, Math.min(CHUNK, maxRows - done));
            if (rows.isEmpty()) {
                repository.setStatus(realmId, bulk, "done", clock.instant());
                return;
            }
            for (BulkIssueRepository.PendingRow row : rows) {
                issue(realm, bulk, issuer, row);
                done++;
            }
        }
    }

    private void issue(Realm realm, UUID bulk, Issuer issuer, BulkIssueRepository.PendingRow row) {
        IssueCodeCommand command = new IssueCodeCommand(
                row.symptomDate(),
                row.testDate(),
                row.testType(),
                null,
                row.phoneCiphertext() == null
                        ? null
                        : new String(
                                cipher.decrypt(row.phoneCiphertext(), phoneData(realm.id(), bulk, row.line())),
                                StandardCharsets.UTF_8),
                null,
                row.codeUuid().toString(),
                row.externalIssuerId(),
                false);
        try {
            transactions.executeWithoutResult(status -> {
                codes.issue(realm, issuer, command);
                repository.finishRow(realm.id(), bulk, row.line(), "issued", null, null);
            });
        } catch (Refusal e) {
            if (e.code() == ErrorCode.MAINTENANCE_MODE) {
                throw e;
            }
            boolean alreadyIssued = e.code() == ErrorCode.UUID_ALREADY_EXISTS;
            transactions.executeWithoutResult(status -> repository.finishRow(
                    realm.id(),
                    bulk,
                    row.line(),
                    alreadyIssued ? "issued" : "failed",
                    alreadyIssued ? null : e.code().wireValue(),
                    alreadyIssued ? null : e.apiText()));
        }
    }

    static String phoneData(RealmId realm, UUID bulk, int line) {
        return "bulk_issue_rows.phone:" + realm + ":" + bulk + ":" + line;
    }
}
