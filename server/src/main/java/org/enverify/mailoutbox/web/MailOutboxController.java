package org.enverify.mailoutbox.web;

import org.enverify.mailoutbox.Mailer;
import org.enverify.platform.Actor;
import org.enverify.ui.Confirm;
import org.enverify.ui.SystemAdminOnly;
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
 * The mail outbox: every mail the installation wrote, its links masked. Without SMTP it is the only
 * copy, so a system administrator may reveal an unsent mail (audited) to pass its link on.
 */
@UiController
@SystemAdminOnly
class MailOutboxController {

    private static final int PAGE_SIZE = 50;

    private final Mailer mailer;

    MailOutboxController(Mailer mailer) {
        this.mailer = mailer;
    }

    @GetMapping("/admin/mail")
    String list(@RequestParam(defaultValue = "0") int page, Model model) {
        int current = Math.max(0, page);
        model.addAttribute("mails", mailer.outbox(PAGE_SIZE + 1, current * PAGE_SIZE));
        model.addAttribute("page", current);
        model.addAttribute("pageSize", PAGE_SIZE);
        return "mail/outbox";
    }

    @GetMapping("/admin/mail/{id}")
    String show(@PathVariable String id, Model model) {
        try {
            model.addAttribute(
                    "mail",
                    mailer.find(Long.parseLong(id))
                            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        } catch (NumberFormatException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "mail/message";
    }

    @PostMapping("/admin/mail/{id}/reveal")
    @Confirm("mail.reveal")
    String reveal(UiContext ui, @PathVariable String id, Model model) {
        show(id, model);
        try {
            model.addAttribute(
                    "revealed",
                    mailer.revealUnsent(
                                    Long.parseLong(id), Actor.user(ui.viewer().id()))
                            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        } catch (NumberFormatException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "mail/message";
    }
}
