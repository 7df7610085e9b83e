package org.enverify.account.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.enverify.account.Invitations;
import org.enverify.account.PublicUrls;
import org.enverify.account.User;
import org.enverify.account.Users;
import org.enverify.platform.Actor;
import org.enverify.platform.Refusal;
import org.enverify.ui.Confirm;
import org.enverify.ui.FormErrors;
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
 * Every account of the installation: find, make or unmake system administrators, end sessions, delete.
 * Nobody demotes, revokes or deletes themselves here, so the last administrator cannot lock everyone out.
 * Each change is recorded in the system-wide audit trail with the administrator as actor.
 */
@UiController
@SystemAdminOnly
class SystemUsersController {

    private static final int PAGE_SIZE = 50;

    private final Users users;
    private final Invitations invitations;
    private final PublicUrls publicUrls;

    SystemUsersController(Users users, Invitations invitations, PublicUrls publicUrls) {
        this.users = users;
        this.invitations = invitations;
        this.publicUrls = publicUrls;
    }

    @GetMapping("/admin/users")
    String list(
            @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "false") boolean admins,
            Model model) {
        return page(q, admins, model);
    }

    @PostMapping("/admin/users")
    String createAdmin(
            UiContext ui,
            @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String name,
            HttpServletRequest request,
            Locale locale,
            Model model,
            HttpServletResponse response) {
        try {
            invitations.inviteSystemAdmin(
                    email,
                    name,
                    publicUrls.baseFor(request),
                    locale,
                    Actor.user(ui.viewer().id()));
        } catch (Refusal refused) {
            model.addAttribute("email", email);
            model.addAttribute("name", name);
            return FormErrors.show(model, response, page("", false, model), refused);
        }
        return "redirect:/admin/users?admins=true&invited";
    }

    @PostMapping("/admin/users/{id}/system-admin")
    @Confirm("admin.systemAdmin")
    String setSystemAdmin(UiContext ui, @PathVariable long id, @RequestParam(defaultValue = "false") boolean value) {
        User user = otherUser(ui, id);
        users.setSystemAdmin(user.id(), value, Actor.user(ui.viewer().id()));
        return "redirect:/admin/users?q=" + URLEncoder.encode(user.email(), StandardCharsets.UTF_8);
    }

    @PostMapping("/admin/users/{id}/revoke")
    @Confirm("admin.revoke")
    String revoke(UiContext ui, @PathVariable long id) {
        users.revokeSessions(otherUser(ui, id).id(), Actor.user(ui.viewer().id()));
        return "redirect:/admin/users?revoked";
    }

    @PostMapping("/admin/users/{id}/delete")
    @Confirm("admin.delete")
    String delete(UiContext ui, @PathVariable long id) {
        users.delete(otherUser(ui, id).id(), Actor.user(ui.viewer().id()));
        return "redirect:/admin/users?deleted";
    }

    private String page(String q, boolean admins, Model model) {
        String search = q.length() > 100 ? q.substring(0, 100) : q;
        model.addAttribute("users", users.search(search, admins, PAGE_SIZE, 0));
        model.addAttribute("q", search);
        model.addAttribute("admins", admins);
        return "users/system";
    }

    /** A user other than the one asking; asking about oneself is refused like an unknown user would be. */
    private User otherUser(UiContext ui, long userId) {
        if (userId == ui.viewer().id()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT);
        }
        return users.find(userId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
