package org.enverify.code.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.enverify.code.CodeRealmSettings;
import org.enverify.code.Issuer;
import org.enverify.code.bulk.BulkIssues;
import org.enverify.code.bulk.BulkStatus;
import org.enverify.platform.Refusal;
import org.enverify.realm.Permission;
import org.enverify.realm.Realm;
import org.enverify.ui.FormErrors;
import org.enverify.ui.RequirePermission;
import org.enverify.ui.UiContext;
import org.enverify.ui.UiController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * Bulk issuing in the browser: upload a CSV, watch its progress (htmx polls a fragment until the file is
 * done), and download the per-row results. The file is issued by the worker as the same job the API uses.
 */
@UiController
@RequirePermission(Permission.CODE_BULK_ISSUE)
class BulkIssuePagesController {

    private static final int RECENT_FILES = 10;

    /** Failed lines listed on the status page; the retry file holds every one. */
    private static final int LISTED_FAILURES = 200;

    private final BulkIssues bulkIssues;

    BulkIssuePagesController(BulkIssues bulkIssues) {
        this.bulkIssues = bulkIssues;
    }

    @GetMapping("/codes/bulk-issue")
    String form(UiContext ui, Model model) {
        return formPage(ui, model);
    }

    @GetMapping(value = "/codes/bulk-issue/template.csv", produces = "text/csv")
    ResponseEntity<String> template() {
        return ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=bulk-issue-template.csv")
                .body(bulkIssues.template());
    }

    @PostMapping("/codes/bulk-issue")
    String upload(
            UiContext ui,
            @RequestParam(name = "file", required = false) MultipartFile file,
            Model model,
            HttpServletResponse response)
            throws IOException {
        Realm realm = ui.requireRealm();
        if (!realm.settings(CodeRealmSettings.class).allowBulkUpload()) {
            return FormErrors.show(model, response, formPage(ui, model), "file", "bulk.disabled");
        }
        if (file == null || file.isEmpty()) {
            return FormErrors.show(model, response, formPage(ui, model), "file", "bulk.noFile");
        }
        if (file.getSize() > BulkIssues.maxBytes()) {
            return FormErrors.show(model, response, formPage(ui, model), "file", "bulk.tooLarge");
        }
        try {
            BulkIssues.Submitted submitted = bulkIssues.submit(
                    realm, Issuer.user(ui.viewer().id()), file.getOriginalFilename(), file.getBytes());
            return "redirect:/codes/bulk-issue/" + submitted.status().id() + (submitted.created() ? "" : "?again");
        } catch (Refusal refused) {
            Map<String, Refusal.Message> shown = refused.shownByField();
            model.addAttribute("fileProblem", shown.get("file"));
            model.addAttribute(
                    "lineProblems",
                    shown.entrySet().stream()
                            .filter(problem -> !problem.getKey().equals("file"))
                            .map(Map.Entry::getValue)
                            .toList());
            return FormErrors.show(model, response, formPage(ui, model), "file", "bulk.notCsv");
        }
    }

    @GetMapping("/codes/bulk-issue/{id}")
    String status(UiContext ui, @PathVariable UUID id, Model model) {
        statusModel(ui, id, model);
        return "codes/bulk-status";
    }

    /** The progress fragment htmx swaps in; it stops polling once the file is done. */
    @GetMapping("/codes/bulk-issue/{id}/progress")
    String progress(UiContext ui, @PathVariable UUID id, Model model) {
        statusModel(ui, id, model);
        return "codes/bulk-status :: progress";
    }

    /** The failed lines again, in the template's format, to be fixed and uploaded as a new file. */
    @GetMapping("/codes/bulk-issue/{id}/retry.csv")
    void retryFile(UiContext ui, @PathVariable UUID id, HttpServletResponse response) throws IOException {
        BulkStatus status = find(ui, id);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=bulk-issue-" + status.id() + "-retry.csv");
        try (Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8)) {
            bulkIssues.writeRetryFile(ui.requireRealm().id(), status.id(), out);
        }
    }

    @GetMapping("/codes/bulk-issue/{id}/results.csv")
    void results(UiContext ui, @PathVariable UUID id, HttpServletResponse response) throws IOException {
        BulkStatus status = find(ui, id);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=bulk-issue-" + status.id() + "-results.csv");
        try (Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8)) {
            bulkIssues.writeResults(ui.requireRealm().id(), status.id(), out);
        }
    }

    private String formPage(UiContext ui, Model model) {
        model.addAttribute(
                "allowed", ui.requireRealm().settings(CodeRealmSettings.class).allowBulkUpload());
        model.addAttribute(
                "recent",
                bulkIssues.recentByUser(ui.requireRealm().id(), ui.viewer().id(), RECENT_FILES));
        model.addAttribute("maxMegabytes", BulkIssues.maxBytes() / (1024 * 1024));
        return "codes/bulk-issue";
    }

    private void statusModel(UiContext ui, UUID id, Model model) {
        BulkStatus bulk = find(ui, id);
        model.addAttribute("bulk", bulk);
        model.addAttribute(
                "failures",
                bulk.failed() == 0
                        ? List.of()
                        : bulkIssues.failedLines(ui.requireRealm().id(), id, LISTED_FAILURES));
    }

    private BulkStatus find(UiContext ui, UUID id) {
        return bulkIssues
                .status(ui.requireRealm().id(), id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
