package org.enverify.code.bulk;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.enverify.code.Codes;
import org.enverify.code.Issuer;
import org.enverify.jobs.JobQueue;
import org.enverify.platform.ListQuery;
import org.enverify.platform.Listing;
import org.enverify.platform.Refusal;
import org.enverify.platform.crypto.CryptoProvider;
import org.enverify.platform.crypto.SecretCipher;
import org.enverify.platform.csv.CsvExport;
import org.enverify.realm.Realm;
import org.enverify.realm.RealmId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bulk issuing: a CSV becomes a job a worker carries out row by row. The job's id derives from the realm and
 * the file's SHA-256, and every row's code uuid from those and the line (unless the line brings its own, as
 * upstream's format may), so uploading the same file again returns the same job and a resumed run never
 * issues a row twice.
 */
@Service
public class BulkIssues {

    private final BulkIssueRepository repository;
    private final BulkIssueJob job;
    private final JobQueue queue;
    private final SecretCipher cipher;
    private final Clock clock;

    BulkIssues(BulkIssueRepository repository, BulkIssueJob job, JobQueue queue, SecretCipher cipher, Clock clock) {
        this.repository = repository;
        this.job = job;
        this.queue = queue;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** @param created false when this very file was uploaded before: nothing new is issued */
    public record Submitted(BulkStatus status, boolean created) {}

    /** @throws Refusal about the {@code file} when it is not a CSV of codes as a whole; nothing is stored then */
    @Transactional
    public Submitted submit(Realm realm, Issuer issuer, String fileName, byte[] content) {
        byte[] sha256 = CryptoProvider.sha256(content);
        Optional<UUID> existing = repository.findByFile(realm.id(), sha256);
        if (existing.isPresent()) {
            return new Submitted(repository.status(realm.id(), existing.get()).orElseThrow(), false);
        }
        List<BulkIssueFile.Row> rows = BulkIssueFile.parse(content, phone -> Codes.parsePhone(phone, realm));
        String fileHash = HexFormat.of().formatHex(sha256);
        UUID id = UUID.nameUUIDFromBytes(("bulk:" + realm.id() + ":" + fileHash).getBytes(StandardCharsets.UTF_8));
        repository.insert(realm.id(), id, sha256, cleanName(fileName), issuer, rows.size(), clock.instant());
        repository.insertRows(
                realm.id(),
                id,
                rows.stream()
                        .map(row -> new BulkIssueRepository.NewRow(
                                row.line(),
                                row.uuid() != null
                                        ? row.uuid()
                                        : UUID.nameUUIDFromBytes(
                                                ("bulk-row:" + realm.id() + ":" + fileHash + ":" + row.line())
                                                        .getBytes(StandardCharsets.UTF_8)),
                                cipher.encrypt(
                                        row.phone().getBytes(StandardCharsets.UTF_8),
                                        BulkIssueJob.phoneData(realm.id(), id, row.line())),
                                row.testType(),
                                row.symptomDate(),
                                row.testDate(),
                                row.externalIssuerId()))
                        .toList());
        queue.enqueue(job, realm.id() + ":" + id, new BulkIssueJob.Work(realm.id(), id));
        return new Submitted(repository.status(realm.id(), id).orElseThrow(), true);
    }

    /** The files a web UI user uploaded to the realm, newest first. */
    public List<BulkStatus> recentByUser(RealmId realm, long userId, int limit) {
        return repository.recentByUser(realm, userId, limit).stream()
                .map(id -> repository.status(realm, id))
                .flatMap(Optional::stream)
                .toList();
    }

    /** One page of the realm's bulk issues, whoever uploaded them, sorted by {@code created_at}. */
    @Transactional(readOnly = true)
    public Listing<BulkStatus> list(RealmId realm, ListQuery query) {
        return repository.list(realm, query);
    }

    public Optional<BulkStatus> status(RealmId realm, UUID id) {
        return repository.status(realm, id);
    }

    /** Writes one CSV line per row: its line in the upload, the code's uuid, and how it ended. */
    @Transactional(readOnly = true)
    public void writeResults(RealmId realm, UUID id, Writer out) {
        try (CsvExport export = CsvExport.to(
                out,
                CSVFormat.DEFAULT
                        .builder()
                        .setHeader("line", "uuid", "status", "errorCode", "error")
                        .get())) {
            repository.results(
                    realm,
                    id,
                    row -> export.row(row.line(), row.codeUuid(), row.status(), row.errorCode(), row.error()));
        }
    }

    /** A template to fill in: the header and one complete sample line dated yesterday and today (UTC). */
    public String template() {
        return BulkIssueFile.template(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    }

    /** A line that failed and the error code it failed with. */
    public record FailedLine(int line, String errorCode) {}

    /** The first {@code limit} lines that failed, by line. */
    public List<FailedLine> failedLines(RealmId realm, UUID id, int limit) {
        return repository.failedLines(realm, id, limit).stream()
                .map(row -> new FailedLine(row.line(), row.errorCode()))
                .toList();
    }

    /**
     * Writes the failed lines again in our format (see {@link #template()}), to be fixed and uploaded as a new
     * file: only they are issued then.
     */
    @Transactional(readOnly = true)
    public void writeRetryFile(RealmId realm, UUID id, Writer out) {
        try (CsvExport export = CsvExport.to(
                out, CSVFormat.DEFAULT.builder().setHeader(BulkIssueFile.HEADER).get())) {
            for (BulkIssueRepository.PendingRow row : repository.failed(realm, id)) {
                String phone = row.phoneCiphertext() == null
                        ? ""
                        : new String(
                                cipher.decrypt(row.phoneCiphertext(), BulkIssueJob.phoneData(realm, id, row.line())),
                                StandardCharsets.UTF_8);
                export.row(phone, row.testType(), row.symptomDate(), row.testDate(), row.externalIssuerId());
            }
        }
    }

    public static int maxBytes() {
        return BulkIssueFile.MAX_BYTES;
    }

    private static String cleanName(String fileName) {
        String name = fileName == null || fileName.isBlank() ? "upload.csv" : fileName.strip();
        name = name.replaceAll("[^A-Za-z0-9._ -]", "_");
        return name.length() > 200 ? name.substring(0, 200) : name;
    }
}
