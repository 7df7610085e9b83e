package org.enverify.code.api;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.enverify.code.CodeDetails;
import org.enverify.code.Codes;
import org.enverify.code.IssueCodeCommand;
import org.enverify.code.IssuedCode;
import org.enverify.code.IssuedCodeSummary;
import org.enverify.code.Issuer;
import org.enverify.management.api.Envelope;
import org.enverify.management.api.Idempotency;
import org.enverify.management.api.Paging;
import org.enverify.management.api.RealmCaller;
import org.enverify.management.api.RequireScope;
import org.enverify.platform.ListQuery;
import org.enverify.platform.api.ApiException;
import org.enverify.platform.api.ErrorCode;
import org.enverify.platform.api.JsonRequestReader;
import org.enverify.platform.api.ManagementApi;
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
 * A realm's codes through the same service as {@code /api/issue} and the case worker's pages: issue (the body of
 * {@code /api/issue}, the same rules in the same order), the caller's codes of today, a code's status, and early
 * expiry. A code is issued in the name of the token's subject; the code itself appears only in the answer to its
 * issue (and to a replay of that under its {@code Idempotency-Key}, which the foundation keeps encrypted).
 */
@RestController
@ManagementApi
class CodesApiController {

    private final Codes codes;
    private final Realms realms;
    private final JsonRequestReader reader;
    private final Idempotency idempotency;

    CodesApiController(Codes codes, Realms realms, JsonRequestReader reader, Idempotency idempotency) {
        this.codes = codes;
        this.realms = realms;
        this.reader = reader;
        this.idempotency = idempotency;
    }

    /**
     * A code as the API shows it: never the code itself, but in the answer to its issue.
     *
     * @param code the short code, only in the answer to its issue
     * @param generatedSms the SMS text, in the answer to an issue with {@code onlyGenerateSMS}
     * @param phone the number the caller is to send {@code generatedSms} to (E.164), only beside it
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CodeView(
            String uuid,
            String testType,
            boolean claimed,
            Instant createdAt,
            Instant expiresAt,
            Instant longExpiresAt,
            String code,
            String generatedSms,
            String phone) {

        static CodeView of(CodeDetails code) {
            return new CodeView(
                    code.uuid().toString(),
                    code.testType().apiName(),
                    code.claimed(),
                    code.createdAt(),
                    code.expiresAt(),
                    code.longExpiresAt(),
                    null,
                    null,
                    null);
        }

        static CodeView of(IssuedCodeSummary code) {
            return new CodeView(
                    code.uuid().toString(),
                    code.testType(),
                    code.claimed(),
                    code.createdAt(),
                    code.expiresAt(),
                    code.longExpiresAt(),
                    null,
                    null,
                    null);
        }

        /** As {@code /api/issue} answers: the phone only beside a generated SMS, which the caller sends itself. */
        static CodeView issued(CodeDetails stored, IssuedCode issued) {
            return new CodeView(
                    stored.uuid().toString(),
                    stored.testType().apiName(),
                    false,
                    stored.createdAt(),
                    issued.expiresAt(),
                    issued.longExpiresAt(),
                    issued.code(),
                    issued.generatedSms(),
                    issued.generatedSms() == null ? null : issued.phone());
        }
    }

    /** Issues a code under {@code /api/issue}'s rules; 201 with the code and, this once, the code itself. */
    @PostMapping("/api/v1/realms/{realmId}/codes")
    ResponseEntity<?> issue(@RequireScope(Permission.CODE_ISSUE) RealmCaller caller, HttpServletRequest request) {
        IssueCodeCommand command = reader.read(request, IssueCodeRequest.class, ErrorCode.UNPARSABLE_REQUEST)
                .toCommand();
        Realm realm = realms.find(caller.realm()).orElseThrow(() -> new RealmNotFoundException(caller.realm()));
        // the command, without the padding a caller may vary, identifies the request
        return idempotency.create(Optional.of(caller.realm()), caller.actor(), request, command, () -> {
            IssuedCode issued = codes.issue(realm, Issuer.oauth(caller.actor()), command);
            return ResponseEntity.status(HttpStatus.CREATED)
                    .body(Envelope.of(CodeView.issued(codes.details(caller.realm(), issued.uuid()), issued)));
        });
    }

    /** The codes the caller issued in the realm since the start of this UTC day, as the issue page lists a user's. */
    @GetMapping("/api/v1/realms/{realmId}/codes")
    Envelope<List<CodeView>> today(
            @RequireScope(Permission.CODE_READ) RealmCaller caller, @Paging(sorts = {"created_at"}) ListQuery query) {
        return Envelope.page(codes.issuedTodayBy(caller.realm(), caller.actor(), query), query, CodeView::of);
    }

    @GetMapping("/api/v1/realms/{realmId}/codes/{uuid}")
    Envelope<CodeView> status(@RequireScope(Permission.CODE_READ) RealmCaller caller, @PathVariable String uuid) {
        return Envelope.of(CodeView.of(code(caller, uuid)));
    }

    /**
     * Ends the code's validity now, as {@code /api/expirecode}: audited, and a code already expired stays as it is;
     * a claimed code is refused ({@code code_already_claimed}).
     */
    @PostMapping("/api/v1/realms/{realmId}/codes/{uuid}/expire")
    Envelope<CodeView> expire(@RequireScope(Permission.CODE_EXPIRE) RealmCaller caller, @PathVariable String uuid) {
        UUID found = code(caller, uuid).uuid();
        codes.expire(caller.realm(), found, caller.actor());
        return Envelope.of(CodeView.of(codes.details(caller.realm(), found)));
    }

    private CodeDetails code(RealmCaller caller, String uuid) {
        return Codes.parseUuid(uuid)
                .flatMap(parsed -> codes.find(caller.realm(), parsed))
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND, "not found"));
    }
}
