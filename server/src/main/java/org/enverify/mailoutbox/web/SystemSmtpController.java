package org.enverify.mailoutbox.web;

import jakarta.servlet.http.HttpServletResponse;
import org.enverify.mailoutbox.SmtpInput;
import org.enverify.mailoutbox.SystemSmtpAccount;
import org.enverify.platform.Actor;
import org.enverify.platform.Refusal;
import org.enverify.ui.FormErrors;
import org.enverify.ui.SystemAdminOnly;
import org.enverify.ui.UiContext;
import org.enverify.ui.UiController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The operator's SMTP account, which carries the installation's mails and those of realms without their own. The
 * password is never shown back: the page says whether one is set, and a blank field keeps it.
 */
@UiController
@SystemAdminOnly
class SystemSmtpController {

    private final SystemSmtpAccount account;

    SystemSmtpController(SystemSmtpAccount account) {
        this.account = account;
    }

    @GetMapping("/admin/smtp")
    String show(Model model) {
        SystemSmtpAccount.Shown shown = account.shown();
        model.addAttribute("smtp", SmtpFormValues.of(shown.account()));
        return page(shown, model);
    }

    @PostMapping("/admin/smtp")
    String save(UiContext ui, SmtpInput form, Model model, HttpServletResponse response) {
        try {
            account.save(form, Actor.user(ui.viewer().id()));
        } catch (Refusal refused) {
            model.addAttribute("smtp", SmtpFormValues.of(form));
            return FormErrors.show(model, response, page(account.shown(), model), refused);
        }
        return "redirect:/admin/smtp?saved";
    }

    private static String page(SystemSmtpAccount.Shown shown, Model model) {
        model.addAttribute("stored", shown.stored());
        model.addAttribute("passwordSet", shown.account().passwordSet());
        return "mail/system-smtp";
    }
}
