package org.enverify.code.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.enverify.code.Codes;
import org.enverify.code.Issuer;
import org.enverify.code.bulk.BulkIssues;
import org.enverify.code.bulk.BulkStatus;
import org.enverify.management.api.Envelope;
import org.enverify.management.api.Idempotency;
import org.enverify.management.api.Paging;
import org.enverify.management.api.RealmCaller;
import org.enverify.management.api.RequireScope;
import org.enverify.platform.ListQuery;
import org.enverify.platform.api.ApiException;
import org.enverify.platform.api.ErrorCode;
import org.enverify.platform.api.ManagementApi;
import org.enverify.platform.crypto.CryptoProvider;
import org.enverify.realm.Permission;
import org.enverify.realm.Realm;
import org.enverify.realm.RealmNotFoundException;
import org.enverify.realm.Realms;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A realm's bulk issues for bearer tokens ({@code CodeBulkIssue}), the same job as {@code /api/v1/bulk-issues} of
 * API keys and the bulk-issue page: upload a file, list the realm's files, follow one with its failed lines, and
 * download its per-row results. A file is issued in the name of the token's subject.
 */
@RestController
@ManagementApi
class BulkIssuesApiController {

    /** Failed lines a bulk issue's answer lists, as the bulk-issue page does; its results file holds every row. */
    static final int LISTED_FAILURES = 200;

    private final BulkIssues bulkIssues;
    private final Realms realms;
    private final Idempotency idempotency;

    BulkIssuesApiController(BulkIssues bulkIssues, Realms realms, Idempotency idempotency) {
        this.bulkIssues = bulkIssues;
        this.realms = realms;
        this.idempotency = idempotency;
    }

    /**
     * A bulk issue as the API shows it.
     *
     * @param status {@code queued}, {@code running} or {@code done}
     * @param failedLines the first {@value #LISTED_FAILURES} lines that failed, by line; only for one bulk issue
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record BulkIssueView(
            String id,
            String fileName,
            String status,
            int totalRows,
            int pending,
            int issued,
            int failed,
            Instant createdAt,
            Instant finishedAt,
            List<FailedLineView> failedLines) {

        static BulkIssueView of(BulkStatus bulk, List<FailedLineView> failedLines) {
            return new BulkIssueView(
                    bulk.id().toString(),
                    bulk.fileName(),
                    bulk.status(),
                    bulk.totalRows(),
                    bulk.pending(),
                    bulk.issued(),
                    bulk.failed(),
                    bulk.createdAt(),
                    bulk.finishedAt(),
                    failedLines);
        }
    }

    /** A line of the file that failed, and the error code of its issue. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record FailedLineView(int line, String errorCode) {}

    /** What identifies an upload for {@code Idempotency-Key}: the file's name and content. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UploadIdentity(String name, String sha256) {}

    /**
     * Takes a file to issue in the background: 202 with its bulk issue, or 200 with the earlier one when this very
     * file was uploaded before (nothing more is issued).
     */
    @PostMapping("/api/v1/realms/{realmId}/bulk-issues")
    ResponseEntity<?> upload(@RequireScope(Permission.CODE_BULK_ISSUE) RealmCaller caller, HttpServletRequest request)
            throws IOException {
        Realm realm = realms.find(caller.realm()).orElseThrow(() -> new RealmNotFoundException(caller.realm()));
        BulkFiles.Upload upload = BulkFiles.read(realm, request);
        UploadIdentity identity =
                new UploadIdentity(upload.name(), HexFormat.of().formatHex(CryptoProvider.sha256(upload.content())));
        return idempotency.create(Optional.of(caller.realm()), caller.actor(), request, identity, () -> {
            BulkIssues.Submitted submitted =
                    bulkIssues.submit(realm, Issuer.oauth(caller.actor()), upload.name(), upload.content());
            return ResponseEntity.status(submitted.created() ? HttpStatus.ACCEPTED : HttpStatus.OK)
                    .body(Envelope.of(view(caller, submitted.status())));
        });
    }

    @GetMapping("/api/v1/realms/{realmId}/bulk-issues")
    Envelope<List<BulkIssueView>> list(
            @RequireScope(Permission.CODE_BULK_ISSUE) RealmCaller caller,
            @Paging(sorts = {"created_at"}) ListQuery query) {
        return Envelope.page(bulkIssues.list(caller.realm(), query), query, bulk -> BulkIssueView.of(bulk, null));
    }

    @GetMapping("/api/v1/realms/{realmId}/bulk-issues/{bulkIssueId}")
    Envelope<BulkIssueView> show(
            @RequireScope(Permission.CODE_BULK_ISSUE) RealmCaller caller, @PathVariable String bulkIssueId) {
        return Envelope.of(view(caller, find(caller, bulkIssueId)));
    }

    @GetMapping("/api/v1/realms/{realmId}/bulk-issues/{bulkIssueId}/results.csv")
    void results(
            @RequireScope(Permission.CODE_BULK_ISSUE) RealmCaller caller,
            @PathVariable String bulkIssueId,
            HttpServletResponse response)
            throws IOException {
        BulkFiles.writeResults(
                bulkIssues, caller.realm(), find(caller, bulkIssueId).id(), response);
    }

    private BulkIssueView view(RealmCaller caller, BulkStatus bulk) {
        List<FailedLineView> failedLines = bulk.failed() == 0
                ? List.of()
                : bulkIssues.failedLines(caller.realm(), bulk.id(), LISTED_FAILURES).stream()
                        .map(line -> new FailedLineView(line.line(), line.errorCode()))
                        .toList();
        return BulkIssueView.of(bulk, failedLines);
    }

    private BulkStatus find(RealmCaller caller, String id) {
        return Codes.parseUuid(id)
                .flatMap(uuid -> bulkIssues.status(caller.realm(), uuid))
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND, "not found"));
    }
}
