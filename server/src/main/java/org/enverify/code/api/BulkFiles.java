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
import java.util.Locale;
import java.util.UUID;
import org.enverify.code.CodeRealmSettings;
import org.enverify.code.bulk.BulkIssues;
import org.enverify.platform.api.ApiException;
import org.enverify.platform.api.ErrorCode;
import org.enverify.realm.Realm;
import org.enverify.realm.RealmId;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * The files of both bulk-issue APIs (API keys' and the management API's): the upload, as the body with
 * {@code Content-Type: text/csv} (its name in {@code ?name=}) or the {@code file} part of a multipart form, and the
 * per-row results they answer.
 */
final class BulkFiles {

    record Upload(String name, byte[] content) {}

    private BulkFiles() {}

    /** The file sent to a realm that allows bulk issuing; refused before it is read otherwise. */
    static Upload read(Realm realm, HttpServletRequest request) throws IOException {
        if (!realm.settings(CodeRealmSettings.class).allowBulkUpload()) {
            throw ApiException.badRequest(ErrorCode.BULK_DISABLED, "bulk issuing is not enabled on this realm");
        }
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
                throw ApiException.badRequest(ErrorCode.UNPARSABLE_REQUEST, "the form needs a file part named 'file'")
                        .about("file");
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

    /** One CSV line per row of the upload, with its code's uuid and how it ended, as an attachment. */
    static void writeResults(BulkIssues bulkIssues, RealmId realm, UUID id, HttpServletResponse response)
            throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=bulk-issue-" + id + "-results.csv");
        try (Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8)) {
            bulkIssues.writeResults(realm, id, out);
        }
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
}
