package org.enverify.code.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.enverify.account.User;
import org.enverify.account.Users;
import org.enverify.apikey.ApiKeySummary;
import org.enverify.apikey.ApiKeys;
import org.enverify.code.CodeDetails;
import org.enverify.code.CodeRealmSettings;
import org.enverify.code.CodeStatus;
import org.enverify.code.Codes;
import org.enverify.code.IssueReceipts;
import org.enverify.platform.Actor;
import org.enverify.platform.Refusal;
import org.enverify.platform.api.ErrorCode;
import org.enverify.platform.api.RefusalStatus;
import org.enverify.realm.Permission;
import org.enverify.realm.Realm;
import org.enverify.realm.TestType;
import org.enverify.sms.SmsRealmSettings;
import org.enverify.sms.SmsTemplates;
import org.enverify.ui.Confirm;
import org.enverify.ui.FormErrors;
import org.enverify.ui.RequirePermission;
import org.enverify.ui.UiContext;
import org.enverify.ui.UiController;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * A case worker's pages: issue a code, look one up by its uuid and expire it, and the codes they issued today.
 * Issuing goes through the same rules as {@code /api/issue}; a refusal names its field. The issue form posts,
 * then redirects to its result page (post/redirect/get), and a form issues once however often it is posted.
 */
@UiController
class CaseWorkerController {

    private static final int TODAYS_CODES = 50;

    /** Seconds before a result page whose code is still being issued (by an earlier post) looks again. */
    private static final String PENDING_REFRESH_SECONDS = "1";

    private final Codes codes;
    private final IssueReceipts receipts;
    private final SmsTemplates smsTemplates;
    private final Users users;
    private final ApiKeys apiKeys;
    private final Clock clock;

    CaseWorkerController(
            Codes codes, IssueReceipts receipts, SmsTemplates smsTemplates, Users users, ApiKeys apiKeys, Clock clock) {
        this.codes = codes;
        this.receipts = receipts;
        this.smsTemplates = smsTemplates;
        this.users = users;
        this.apiKeys = apiKeys;
        this.clock = clock;
    }

    @GetMapping("/codes")
    String codes() {
        return "redirect:/codes/issue";
    }

    @GetMapping("/codes/issue")
    @RequirePermission(Permission.CODE_ISSUE)
    String issueForm(UiContext ui, Model model) {
        return issuePage(ui, IssueForm.empty(), model);
    }

    @PostMapping("/codes/issue")
    @RequirePermission(Permission.CODE_ISSUE)
    String issue(UiContext ui, IssueForm form, Model model, HttpServletResponse response) {
        UUID formId = form.formIdOrNew();
        try {
            receipts.issueOnce(ui.requireRealm(), ui.viewer().id(), formId, form.toCommand());
            return "redirect:/codes/issue/" + formId;
        } catch (Refusal refused) {
            issuePage(ui, form.withFormId(formId), model);
            if (refused.field().isPresent()) {
                return FormErrors.show(model, response, "codes/issue", refused);
            }
            HttpStatus status = RefusalStatus.of(refused.code());
            response.setStatus(status == HttpStatus.BAD_REQUEST ? 422 : status.value());
            model.addAttribute("refusal", refused.messageKey().orElseThrow());
            return "codes/issue";
        }
    }

    /** The result of one issue form: reloading it shows the same code, and never issues another. */
    @GetMapping("/codes/issue/{formId}")
    @RequirePermission(Permission.CODE_ISSUE)
    String issued(UiContext ui, @PathVariable UUID formId, Model model, HttpServletResponse response) {
        Realm realm = ui.requireRealm();
        Optional<IssueReceipts.Receipt> receipt =
                receipts.find(realm.id(), ui.viewer().id(), formId);
        if (receipt.isEmpty()) {
            return "redirect:/codes/issue";
        }
        if (receipt.get().pending()) {
            response.setHeader("Refresh", PENDING_REFRESH_SECONDS);
        }
        model.addAttribute("receipt", receipt.get());
        model.addAttribute("todays", codes.issuedTodayBy(realm.id(), ui.viewer().id(), TODAYS_CODES));
        return "codes/issued";
    }

    @GetMapping("/codes/status")
    @RequirePermission(Permission.CODE_READ)
    String status(
            UiContext ui, @RequestParam(defaultValue = "") String uuid, Model model, HttpServletResponse response) {
        statusPage(ui, uuid, model);
        if (uuid.isBlank()) {
            return "codes/status";
        }
        Optional<UUID> parsed = Codes.parseUuid(uuid);
        if (parsed.isEmpty()) {
            return FormErrors.show(model, response, "codes/status", "uuid", "codes.uuidInvalid");
        }
        try {
            CodeDetails found = codes.details(ui.requireRealm().id(), parsed.get());
            model.addAttribute("found", found);
            model.addAttribute("expired", found.expired(clock.instant()));
            model.addAttribute("issuedBy", issuedBy(ui, found));
        } catch (Refusal notFound) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            FormErrors.add(model, "uuid", "codes.notFound");
        }
        return "codes/status";
    }

    @PostMapping("/codes/{uuid}/expire")
    @RequirePermission(Permission.CODE_EXPIRE)
    @Confirm("codes.expire")
    String expire(UiContext ui, @PathVariable String uuid, Model model, HttpServletResponse response) {
        UUID parsed = Codes.parseUuid(uuid).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        try {
            CodeStatus expired = codes.expire(
                    ui.requireRealm().id(), parsed, Actor.user(ui.viewer().id()));
            return "redirect:/codes/status?expired&uuid=" + expired.uuid();
        } catch (Refusal refused) {
            statusPage(ui, uuid, model);
            FormErrors.show(model, response, "codes/status", refused);
            response.setStatus(refused.code() == ErrorCode.CODE_NOT_FOUND ? 404 : 409);
            return "codes/status";
        }
    }

    /**
     * Who issued a code, as the status page names them: a user by email, an API key by name, a management API client
     * by its token's subject, and the external issuer.
     */
    record IssuedBy(String user, String apiKey, String client, String externalIssuer) {}

    private IssuedBy issuedBy(UiContext ui, CodeDetails code) {
        String user = code.issuingUserId() == null
                ? null
                : users.find(code.issuingUserId()).map(User::email).orElse("#" + code.issuingUserId());
        String apiKey = code.issuingApiKeyId() == null
                ? null
                : apiKeys.find(ui.requireRealm().id(), code.issuingApiKeyId())
                        .map(ApiKeySummary::name)
                        .orElse("#" + code.issuingApiKeyId());
        return new IssuedBy(user, apiKey, code.issuingOauthSubject(), code.issuingExternalId());
    }

    private void statusPage(UiContext ui, String uuid, Model model) {
        model.addAttribute(
                "todays",
                codes.issuedTodayBy(ui.requireRealm().id(), ui.viewer().id(), TODAYS_CODES));
        model.addAttribute("uuid", uuid);
    }

    private String issuePage(UiContext ui, IssueForm form, Model model) {
        Realm realm = ui.requireRealm();
        CodeRealmSettings settings = realm.settings(CodeRealmSettings.class);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        model.addAttribute("form", form);
        model.addAttribute(
                "testTypes",
                settings.allowedTestTypes().stream()
                        .filter(type -> type != TestType.USER_REPORT)
                        .map(TestType::apiName)
                        .toList());
        model.addAttribute("minDate", today.minusDays(settings.allowedPastDays()));
        model.addAttribute("maxDate", today);
        model.addAttribute("dateRequired", settings.requireDate());
        model.addAttribute("smsCountry", realm.settings(SmsRealmSettings.class).smsCountry());
        model.addAttribute("todays", codes.issuedTodayBy(realm.id(), ui.viewer().id(), TODAYS_CODES));
        model.addAttribute("smsTemplates", smsTemplates.list(realm).keySet());
        return "codes/issue";
    }
}
