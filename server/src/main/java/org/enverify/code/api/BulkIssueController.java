package org.enverify.code.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.enverify.apikey.ApiCaller;
import org.enverify.apikey.ApiKeyType;
import org.enverify.apikey.RequireApiKey;
import org.enverify.code.Codes;
import org.enverify.code.Issuer;
import org.enverify.code.bulk.BulkIssues;
import org.enverify.code.bulk.BulkStatus;
import org.enverify.platform.api.ApiException;
import org.enverify.platform.api.ErrorCode;
import org.enverify.platform.api.HttpDates;
import org.enverify.platform.api.JsonApi;
import org.enverify.realm.Realm;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bulk issuing for PHA systems: upload a CSV (as the body with {@code Content-Type: text/csv}, or as
 * the {@code file} part of a multipart form), follow the job, download per-row results.
 */
@RestController
@JsonApi
class BulkIssueController {

    private final BulkIssues bulkIssues;

    BulkIssueController(BulkIssues bulkIssues) {
        this.bulkIssues = bulkIssues;
    }

    @GetMapping(value = "/api/v1/bulk-issues/template.csv", produces = "text/csv")
    ResponseEntity<String> template(@RequireApiKey(ApiKeyType.ADMIN) ApiCaller caller) {
        return ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=bulk-issue-template.csv")
                .body(bulkIssues.template());
    }

    @PostMapping("/api/v1/bulk-issues")
    ResponseEntity<Map<String, Object>> upload(
            @RequireApiKey(ApiKeyType.ADMIN) ApiCaller caller, HttpServletRequest request) throws IOException {
        Realm realm = caller.loadedRealm();
        BulkFiles.Upload upload = BulkFiles.read(realm, request);
        BulkIssues.Submitted submitted =
                bulkIssues.submit(realm, Issuer.apiKey(caller.keyId()), upload.name(), upload.content());
        return ResponseEntity.status(submitted.created() ? HttpStatus.ACCEPTED : HttpStatus.OK)
                .body(describe(submitted.status()));
    }

    @GetMapping("/api/v1/bulk-issues/{id}")
    Map<String, Object> status(@RequireApiKey(ApiKeyType.ADMIN) ApiCaller caller, @PathVariable("id") String id) {
        return describe(find(caller, id));
    }

    @GetMapping("/api/v1/bulk-issues/{id}/results.csv")
    void results(
            @RequireApiKey(ApiKeyType.ADMIN) ApiCaller caller,
            @PathVariable("id") String id,
            HttpServletResponse response)
            throws IOException {
        BulkFiles.writeResults(bulkIssues, caller.realm(), find(caller, id).id(), response);
    }

    private BulkStatus find(ApiCaller caller, String id) {
        UUID uuid = Codes.parseUuid(id).orElseThrow(BulkIssueController::notFound);
        return bulkIssues.status(caller.realm(), uuid).orElseThrow(BulkIssueController::notFound);
    }

    private static Map<String, Object> describe(BulkStatus status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", status.id().toString());
        body.put("fileName", status.fileName());
        body.put("status", status.status());
        body.put("totalRows", status.totalRows());
        body.put("pending", status.pending());
        body.put("issued", status.issued());
        body.put("failed", status.failed());
        body.put("createdAt", HttpDates.format(status.createdAt()));
        if (status.finishedAt() != null) {
            body.put("finishedAt", HttpDates.format(status.finishedAt()));
        }
        body.put("resultsUrl", "/api/v1/bulk-issues/" + status.id() + "/results.csv");
        return body;
    }

    private static ApiException notFound() {
        return new ApiException(
                HttpStatus.NOT_FOUND, ErrorCode.CODE_NOT_FOUND, "no bulk issue with this id in this realm");
    }
}
