package org.enverify.sms.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.enverify.platform.Actor;
import org.enverify.platform.Refusal;
import org.enverify.sms.SystemSmsAccount;
import org.enverify.ui.Confirm;
import org.enverify.ui.FormErrors;
import org.enverify.ui.SystemAdminOnly;
import org.enverify.ui.UiContext;
import org.enverify.ui.UiController;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The operator's Twilio account and its sender numbers, which realms use once a system administrator allowed them.
 * The auth token is never shown back: the page says whether one is set, and a blank field keeps it.
 */
@UiController
@SystemAdminOnly
class SystemSmsController {

    private final SystemSmsAccount account;

    SystemSmsController(SystemSmsAccount account) {
        this.account = account;
    }

    @GetMapping("/admin/sms")
    String show(Model model) {
        return page(model, Map.of());
    }

    /** The account form as posted; a field left out counts as empty. */
    record AccountForm(String accountSid, String authToken) {}

    @PostMapping("/admin/sms/account")
    String saveAccount(UiContext ui, AccountForm form, Model model, HttpServletResponse response) {
        try {
            account.saveAccount(
                    form.accountSid(), form.authToken(), Actor.user(ui.viewer().id()));
        } catch (Refusal refused) {
            model.addAttribute("accountSid", form.accountSid());
            return FormErrors.show(model, response, page(model, Map.of()), refused);
        }
        return "redirect:/admin/sms?saved";
    }

    /** A sender number as posted: a new label adds it, a known one gets the new number. */
    record SenderForm(String label, String sender) {}

    @PostMapping("/admin/sms/senders")
    String saveSender(UiContext ui, SenderForm form, Model model, HttpServletResponse response) {
        try {
            account.saveSender(
                    form.label(), form.sender(), Actor.user(ui.viewer().id()));
        } catch (Refusal refused) {
            return FormErrors.show(
                    model,
                    response,
                    page(model, Map.of("label", nullToEmpty(form.label()), "sender", nullToEmpty(form.sender()))),
                    refused);
        }
        return "redirect:/admin/sms?saved";
    }

    @PostMapping("/admin/sms/senders/remove")
    @Confirm("sms.senders.remove")
    String removeSender(
            UiContext ui, @RequestParam(defaultValue = "") String label, Model model, HttpServletResponse response) {
        try {
            if (!account.removeSender(label, Actor.user(ui.viewer().id()))) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
        } catch (Refusal refused) {
            return FormErrors.show(model, response, page(model, Map.of()), refused);
        }
        return "redirect:/admin/sms?saved";
    }

    private String page(Model model, Map<String, String> sender) {
        SystemSmsAccount.Shown shown = account.shown();
        model.addAttribute("account", shown);
        if (!model.containsAttribute("accountSid")) {
            model.addAttribute("accountSid", shown.accountSid());
        }
        model.addAttribute("sender", sender);
        return "sms/system";
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
