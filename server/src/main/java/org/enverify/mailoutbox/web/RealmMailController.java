package org.enverify.mailoutbox.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.enverify.mailoutbox.RealmMailAccounts;
import org.enverify.mailoutbox.SmtpInput;
import org.enverify.platform.Actor;
import org.enverify.platform.Refusal;
import org.enverify.realm.Permission;
import org.enverify.realm.RealmId;
import org.enverify.ui.FormErrors;
import org.enverify.ui.RequirePermission;
import org.enverify.ui.UiContext;
import org.enverify.ui.UiController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * How a realm's mails leave: the installation's mails in the built-in texts, the system SMTP account with the
 * realm's texts (once a system administrator allowed it), or the realm's own SMTP account. The password is never
 * shown back: the page says whether one is set, and a blank field keeps it.
 */
@UiController
class RealmMailController {

    private final RealmMailAccounts accounts;

    RealmMailController(RealmMailAccounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/realm/mail")
    @RequirePermission(Permission.SETTINGS_READ)
    String show(UiContext ui, Model model) {
        RealmMailAccounts.Configuration configuration =
                accounts.configuration(ui.requireRealm().id());
        model.addAttribute("kind", configuration.kind());
        model.addAttribute("smtp", SmtpFormValues.of(configuration.smtp()));
        return page(ui, configuration, model);
    }

    /** The form as posted; a field left out counts as empty. */
    record MailForm(String kind, String host, String port, String username, String password, String from, String tls) {

        SmtpInput smtp() {
            return new SmtpInput(host, port, username, password, from, tls);
        }
    }

    @PostMapping("/realm/mail")
    @RequirePermission(Permission.SETTINGS_WRITE)
    String save(UiContext ui, MailForm form, Model model, HttpServletResponse response) {
        RealmId realm = ui.requireRealm().id();
        Actor actor = Actor.user(ui.viewer().id());
        try {
            switch (form.kind() == null ? "" : form.kind()) {
                case "smtp" -> accounts.useOwnSmtp(realm, form.smtp(), actor);
                case "system" -> accounts.useSystem(realm, actor);
                case "default" -> accounts.useDefault(realm, actor);
                default -> {
                    return refused(ui, form, model, response, null);
                }
            }
        } catch (Refusal refused) {
            return refused(ui, form, model, response, refused);
        }
        return "redirect:/realm/mail?saved";
    }

    private String refused(UiContext ui, MailForm form, Model model, HttpServletResponse response, Refusal refused) {
        model.addAttribute("kind", form.kind());
        model.addAttribute("smtp", SmtpFormValues.of(form.smtp()));
        String view = page(ui, accounts.configuration(ui.requireRealm().id()), model);
        return refused == null
                ? FormErrors.show(model, response, view, Map.of("kind", "mail.error.kind"))
                : FormErrors.show(model, response, view, refused);
    }

    private String page(UiContext ui, RealmMailAccounts.Configuration configuration, Model model) {
        RealmId realm = ui.requireRealm().id();
        model.addAttribute("mayUseSystem", accounts.mayUseSystem(realm));
        model.addAttribute("ownTexts", accounts.sendsOwnTexts(realm));
        model.addAttribute(
                "passwordSet",
                configuration.kind().equals("smtp") && configuration.smtp().passwordSet());
        return "mail/realm";
    }
}
