package org.enverify.code.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.enverify.apikey.ApiCaller;
import org.enverify.apikey.ApiKeyType;
import org.enverify.apikey.RequireApiKey;
import org.enverify.code.CodeBatches;
import org.enverify.code.CodeRealmSettings;
import org.enverify.code.CodeSettings;
import org.enverify.code.CodeStatus;
import org.enverify.code.Codes;
import org.enverify.code.Issuer;
import org.enverify.platform.Actor;
import org.enverify.platform.EnverifySettings;
import org.enverify.platform.Refusal;
import org.enverify.platform.api.ApiException;
import org.enverify.platform.api.ErrorCode;
import org.enverify.platform.api.JsonApi;
import org.enverify.platform.api.JsonRequestReader;
import org.enverify.platform.api.Padding;
import org.enverify.platform.api.RefusalStatus;
import org.enverify.realm.Realm;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The PHA-facing admin API: issue, batch issue, check status, expire. */
@RestController
@JsonApi
class AdminApiController {

    private final Codes codes;
    private final CodeBatches batches;
    private final JsonRequestReader reader;
    private final CodeSettings codeSettings;
    private final EnverifySettings settings;

    AdminApiController(
            Codes codes,
            CodeBatches batches,
            JsonRequestReader reader,
            CodeSettings codeSettings,
            EnverifySettings settings) {
        this.codes = codes;
        this.batches = batches;
        this.reader = reader;
        this.codeSettings = codeSettings;
        this.settings = settings;
    }

    @PostMapping("/api/issue")
    IssueCodeResponse issue(@RequireApiKey(ApiKeyType.ADMIN) ApiCaller caller, HttpServletRequest request) {
        IssueCodeRequest body = reader.read(request, IssueCodeRequest.class, ErrorCode.UNPARSABLE_REQUEST);
        return IssueCodeResponse.of(
                codes.issue(caller.loadedRealm(), Issuer.apiKey(caller.keyId()), body.toCommand()), Padding.random());
    }

    @PostMapping("/api/batch-issue")
    ResponseEntity<BatchIssueResponse> batchIssue(
            @RequireApiKey(ApiKeyType.ADMIN) ApiCaller caller, HttpServletRequest request) {
        BatchIssueRequest body = reader.read(request, BatchIssueRequest.class, ErrorCode.UNPARSABLE_REQUEST);
        if (body.codes() == null || body.codes().isEmpty() || body.codes().size() > codeSettings.batchMaxSize()) {
            throw ApiException.badRequest(
                    ErrorCode.UNPARSABLE_REQUEST, "codes must hold 1 to " + codeSettings.batchMaxSize() + " requests");
        }
        if (body.codes().contains(null)) {
            throw ApiException.badRequest(ErrorCode.UNPARSABLE_REQUEST, "codes must not contain null");
        }
        Realm realm = caller.loadedRealm();
        if (settings.maintenanceMode() || realm.maintenanceMode()) {
            throw ApiException.maintenance();
        }
        if (!realm.settings(CodeRealmSettings.class).allowBulkUpload()) {
            throw ApiException.badRequest(ErrorCode.BULK_DISABLED, "bulk issuing is not enabled on this realm");
        }
        List<CodeBatches.Outcome> outcomes = batches.issue(
                realm,
                Issuer.apiKey(caller.keyId()),
                body.codes().stream().map(IssueCodeRequest::toCommand).toList());
        List<Object> results = new ArrayList<>(outcomes.size());
        Refusal firstFailure = null;
        int failures = 0;
        for (CodeBatches.Outcome outcome : outcomes) {
            if (outcome.failure() == null) {
                results.add(IssueCodeResponse.of(outcome.code(), ""));
            } else {
                results.add(new BatchItemError(
                        outcome.failure().apiText(), outcome.failure().code().wireValue()));
                firstFailure = firstFailure == null ? outcome.failure() : firstFailure;
                failures++;
            }
        }
        if (firstFailure == null) {
            return ResponseEntity.ok(new BatchIssueResponse(results, null, null, Padding.random()));
        }
        String summary = "Failed to issue " + failures + " codes. Issued " + (results.size() - failures)
                + " codes successfully. See each error status in the codes array.";
        return ResponseEntity.status(RefusalStatus.of(firstFailure.code()))
                .body(new BatchIssueResponse(
                        results, summary, firstFailure.code().wireValue(), Padding.random()));
    }

    @PostMapping("/api/checkcodestatus")
    CodeStatusResponse checkCodeStatus(@RequireApiKey(ApiKeyType.ADMIN) ApiCaller caller, HttpServletRequest request) {
        CodeUuidRequest body = reader.read(request, CodeUuidRequest.class, ErrorCode.UNPARSABLE_REQUEST);
        UUID uuid = Codes.parseUuid(body.uuid())
                .orElseThrow(() -> new ApiException(
                        HttpStatus.NOT_FOUND, ErrorCode.CODE_NOT_FOUND, "no code with this uuid in this realm"));
        CodeStatus status = codes.status(caller.realm(), uuid);
        return new CodeStatusResponse(
                status.claimed(),
                status.expiresAt().getEpochSecond(),
                status.longExpiresAt().getEpochSecond(),
                Padding.random());
    }

    @PostMapping("/api/expirecode")
    ExpireCodeResponse expireCode(@RequireApiKey(ApiKeyType.ADMIN) ApiCaller caller, HttpServletRequest request) {
        CodeUuidRequest body = reader.read(request, CodeUuidRequest.class, ErrorCode.UNPARSABLE_REQUEST);
        UUID uuid = Codes.parseUuid(body.uuid())
                .orElseThrow(() -> ApiException.badRequest(ErrorCode.UNPARSABLE_REQUEST, "uuid must be a UUID"));
        CodeStatus status = codes.expire(caller.realm(), uuid, Actor.apiKey(caller.keyId()));
        return new ExpireCodeResponse(
                status.uuid().toString(),
                status.expiresAt().getEpochSecond(),
                status.longExpiresAt().getEpochSecond(),
                Padding.random());
    }
}
