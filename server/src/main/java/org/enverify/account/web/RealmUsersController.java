package org.enverify.account.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.enverify.account.AccountSettings;
import org.enverify.account.BaseUrl;
import org.enverify.account.InvalidAccountInputException;
import org.enverify.account.Invitations;
import org.enverify.account.Memberships;
import org.enverify.account.PermissionEscalationException;
import org.enverify.account.RealmMember;
import org.enverify.account.RequirePermission;
import org.enverify.account.UiContext;
import org.enverify.account.UiController;
import org.enverify.platform.web.FormErrors;
import org.enverify.realm.Permission;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * A realm's members: search, invite, change permissions (never beyond the admin's own), and remove.
 * A user who is not a member of the realm is not found, whatever realm they belong to.
 */
@UiController
class RealmUsersController {

    static final int PAGE_SIZE = 50;

    private final Memberships memberships;
    private final Invitations invitations;
    private final AccountSettings settings;

    RealmUsersController(Memberships memberships, Invitations invitations, AccountSettings settings) {
        this.memberships = memberships;
        this.invitations = invitations;
        this.settings = settings;
    }

    @GetMapping("/realm/users")
    @RequirePermission(Permission.USER_READ)
    String list(
            UiContext ui,
            @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        int offset = Math.max(0, page) * PAGE_SIZE;
        model.addAttribute("members", memberships.members(ui.requireRealm().id(), limit(q), PAGE_SIZE + 1, offset));
        model.addAttribute("q", q);
        model.addAttribute("page", Math.max(0, page));
        model.addAttribute("pageSize", PAGE_SIZE);
        return "users/list";
    }

    @GetMapping("/realm/users/new")
    @RequirePermission(Permission.USER_WRITE)
    String inviteForm(UiContext ui, Model model) {
        return invitePage(ui, model, "", "", EnumSet.noneOf(Permission.class));
    }

    @PostMapping("/realm/users")
    @RequirePermission(Permission.USER_WRITE)
    String invite(
            UiContext ui,
            @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(name = "permission", required = false) List<String> permission,
            HttpServletRequest request,
            Locale locale,
            Model model,
            HttpServletResponse response) {
        Set<Permission> chosen = PermissionChoice.parse(permission);
        try {
            invitations.invite(
                    ui.granter(), ui.requireRealm(), email, name, chosen, BaseUrl.of(settings, request), locale);
        } catch (InvalidAccountInputException refused) {
            return FormErrors.show(model, response, invitePage(ui, model, email, name, chosen), refused.errors());
        } catch (PermissionEscalationException refused) {
            return FormErrors.show(
                    model, response, invitePage(ui, model, email, name, chosen), "permissions", "permissions.notHeld");
        }
        return "redirect:/realm/users?invited";
    }

    @GetMapping("/realm/users/{id}")
    @RequirePermission(Permission.USER_READ)
    String show(UiContext ui, @PathVariable String id, Model model) {
        return memberPage(ui, member(ui, id), model);
    }

    @PostMapping("/realm/users/{id}")
    @RequirePermission(Permission.USER_WRITE)
    String setPermissions(
            UiContext ui,
            @PathVariable String id,
            @RequestParam(name = "permission", required = false) List<String> permission,
            Model model,
            HttpServletResponse response) {
        RealmMember member = member(ui, id);
        Set<Permission> chosen = PermissionChoice.parse(permission);
        if (chosen.isEmpty()) {
            return FormErrors.show(model, response, memberPage(ui, member, model), "permissions", "permissions.none");
        }
        try {
            memberships.setPermissions(
                    ui.granter(), ui.requireRealm().id(), member.user().id(), chosen);
        } catch (PermissionEscalationException refused) {
            return FormErrors.show(
                    model, response, memberPage(ui, member, model), "permissions", "permissions.notHeld");
        }
        return "redirect:/realm/users/" + member.user().id() + "?saved";
    }

    @PostMapping("/realm/users/{id}/remove")
    @RequirePermission(Permission.USER_WRITE)
    String remove(UiContext ui, @PathVariable String id, Model model, HttpServletResponse response) {
        RealmMember member = member(ui, id);
        if (member.user().id() == ui.user().id()) {
            return FormErrors.show(model, response, memberPage(ui, member, model), "permissions", "users.notSelf");
        }
        try {
            memberships.setPermissions(
                    ui.granter(), ui.requireRealm().id(), member.user().id(), Set.of());
        } catch (PermissionEscalationException refused) {
            return FormErrors.show(
                    model, response, memberPage(ui, member, model), "permissions", "permissions.notHeld");
        }
        return "redirect:/realm/users?removed";
    }

    private RealmMember member(UiContext ui, String id) {
        long userId;
        try {
            userId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return memberships
                .member(ui.requireRealm().id(), userId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private String invitePage(UiContext ui, Model model, String email, String name, Set<Permission> chosen) {
        model.addAttribute("email", email);
        model.addAttribute("name", name);
        model.addAttribute("chosen", chosen);
        model.addAttribute("grantable", grantable(ui));
        return "users/new";
    }

    private String memberPage(UiContext ui, RealmMember member, Model model) {
        model.addAttribute("member", member);
        model.addAttribute("chosen", member.permissions());
        model.addAttribute("grantable", grantable(ui));
        return "users/show";
    }

    /** Every permission, each marked with whether this admin may grant it. */
    private static Map<Permission, Boolean> grantable(UiContext ui) {
        Map<Permission, Boolean> all = new java.util.LinkedHashMap<>();
        for (Permission permission : Permission.values()) {
            all.put(permission, ui.user().systemAdmin() || ui.can(permission));
        }
        return all;
    }

    private static String limit(String text) {
        return text.length() > 100 ? text.substring(0, 100) : text;
    }
}
