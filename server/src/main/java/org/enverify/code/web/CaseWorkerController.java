package org.enverify.code.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.enverify.code.CodeRealmSettings;
import org.enverify.code.CodeStatus;
import org.enverify.code.Codes;
import org.enverify.code.IssuedCode;
import org.enverify.code.Issuer;
import org.enverify.platform.Actor;
import org.enverify.platform.Refusal;
import org.enverify.platform.api.ErrorCode;
import org.enverify.platform.api.RefusalStatus;
import org.enverify.realm.Permission;
import org.enverify.realm.Realm;
import org.enverify.realm.TestType;
import org.enverify.sms.SmsTemplates;
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
 * A case worker's pages: issue a code, look one up by its uuid and expire it, and the codes they
 * issued today. Issuing goes through the same rules as {@code /api/issue}; a refusal names its field.
 */
@UiController
class CaseWorkerController {

    private static final int TODAYS_CODES = 50;

    private final Codes codes;
    private final SmsTemplates smsTemplates;
    private final Clock clock;

    CaseWorkerController(Codes codes, SmsTemplates smsTemplates, Clock clock) {
        this.codes = codes;
        this.smsTemplates = smsTemplates;
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
        try {
            IssuedCode issued =
                    codes.issue(ui.requireRealm(), Issuer.user(ui.viewer().id()), form.toCommand());
            model.addAttribute("issued", issued);
            return issuePage(ui, IssueForm.empty(), model);
        } catch (Refusal refused) {
            issuePage(ui, form, model);
            if (refused.field().isPresent()) {
                return FormErrors.show(model, response, "codes/issue", refused);
            }
            HttpStatus status = RefusalStatus.of(refused.code());
            response.setStatus(status == HttpStatus.BAD_REQUEST ? 422 : status.value());
            model.addAttribute("refusal", refused.messageKey().orElseThrow());
            return "codes/issue";
        }
    }

    @GetMapping("/codes/status")
    @RequirePermission(Permission.CODE_READ)
    String status(
            UiContext ui, @RequestParam(defaultValue = "") String uuid, Model model, HttpServletResponse response) {
        model.addAttribute(
                "todays",
                codes.issuedTodayBy(ui.requireRealm().id(), ui.viewer().id(), TODAYS_CODES));
        model.addAttribute("uuid", uuid);
        if (uuid.isBlank()) {
            return "codes/status";
        }
        Optional<UUID> parsed = Codes.parseUuid(uuid);
        if (parsed.isEmpty()) {
            return FormErrors.show(model, response, "codes/status", "uuid", "codes.uuidInvalid");
        }
        try {
            model.addAttribute("found", codes.status(ui.requireRealm().id(), parsed.get()));
        } catch (Refusal notFound) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            FormErrors.add(model, "uuid", "codes.notFound");
        }
        return "codes/status";
    }

    @PostMapping("/codes/{uuid}/expire")
    @RequirePermission(Permission.CODE_EXPIRE)
    String expire(UiContext ui, @PathVariable String uuid, Model model, HttpServletResponse response) {
        UUID parsed = Codes.parseUuid(uuid).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        try {
            CodeStatus expired = codes.expire(
                    ui.requireRealm().id(), parsed, Actor.user(ui.viewer().id()));
            return "redirect:/codes/status?expired&uuid=" + expired.uuid();
        } catch (Refusal refused) {
            model.addAttribute(
                    "todays",
                    codes.issuedTodayBy(ui.requireRealm().id(), ui.viewer().id(), TODAYS_CODES));
            model.addAttribute("uuid", uuid);
            FormErrors.show(model, response, "codes/status", refused);
            response.setStatus(refused.code() == ErrorCode.CODE_NOT_FOUND ? 404 : 409);
            return "codes/status";
        }
    }

    private String issuePage(UiContext ui, IssueForm form, Model model) {
        Realm realm = ui.requireRealm();
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        model.addAttribute("form", form);
        model.addAttribute(
                "testTypes",
                realm.settings(CodeRealmSettings.class).allowedTestTypes().stream()
                        .filter(type -> type != TestType.USER_REPORT)
                        .map(TestType::apiName)
                        .toList());
        model.addAttribute(
                "minDate",
                today.minusDays(realm.settings(CodeRealmSettings.class).allowedPastDays()));
        model.addAttribute("maxDate", today);
        model.addAttribute("todays", codes.issuedTodayBy(realm.id(), ui.viewer().id(), TODAYS_CODES));
        model.addAttribute("smsTemplates", smsTemplates.list(realm).keySet());
        return "codes/issue";
    }
}
