package org.enverify.code.api;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.enverify.apikey.ApiCaller;
import org.enverify.apikey.ApiKeyType;
import org.enverify.apikey.RequireApiKey;
import org.enverify.code.CodeRealmSettings;
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
import org.springframework.http.MediaType;
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
        if (!realm.settings(CodeRealmSettings.class).allowBulkUpload()) {
            throw ApiException.badRequest(ErrorCode.BULK_DISABLED, "bulk issuing is not enabled on this realm");
        }
        Upload upload = read(request);
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
        BulkStatus status = find(caller, id);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=bulk-issue-" + status.id() + "-results.csv");
        try (Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8)) {
            bulkIssues.writeResults(caller.realm(), status.id(), out);
        }
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

    private record Upload(String name, byte[] content) {}

    private static Upload read(HttpServletRequest request) throws IOException {
        String type =
                request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        if (request.getContentLengthLong() > BulkIssues.maxBytes()) {
            throw tooLarge();
        }
        if (type.startsWith(MediaType.MULTIPART_FORM_DATA_VALUE)) {
            Part part;
            try {
                part = request.getPart("file");
            } catch (IllegalStateException | ServletException e) {
                throw tooLarge();
            }
            if (part == null) {
                throw ApiException.badRequest(ErrorCode.UNPARSABLE_REQUEST, "the form needs a file part named 'file'");
            }
            try (InputStream in = part.getInputStream()) {
                return new Upload(part.getSubmittedFileName(), limited(in));
            }
        }
        if (type.startsWith("text/csv")) {
            try (InputStream in = request.getInputStream()) {
                return new Upload(request.getParameter("name"), limited(in));
            }
        }
        throw ApiException.badRequest(
                ErrorCode.UNPARSABLE_REQUEST, "send the CSV as text/csv or as the 'file' part of multipart/form-data");
    }

    private static byte[] limited(InputStream in) throws IOException {
        byte[] content = in.readNBytes(BulkIssues.maxBytes() + 1);
        if (content.length > BulkIssues.maxBytes()) {
            throw tooLarge();
        }
        return content;
    }

    private static ApiException tooLarge() {
        return new ApiException(
                HttpStatus.CONTENT_TOO_LARGE,
                ErrorCode.UNPARSABLE_REQUEST,
                "a bulk file is at most " + BulkIssues.maxBytes() / (1024 * 1024) + " MB");
    }

    private static ApiException notFound() {
        return new ApiException(
                HttpStatus.NOT_FOUND, ErrorCode.CODE_NOT_FOUND, "no bulk issue with this id in this realm");
    }
}
