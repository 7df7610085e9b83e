package org.enverify.account.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.enverify.account.Invitations;
import org.enverify.account.Memberships;
import org.enverify.account.PermissionEscalationException;
import org.enverify.account.PublicUrls;
import org.enverify.account.RealmMember;
import org.enverify.platform.Actor;
import org.enverify.platform.Refusal;
import org.enverify.realm.Permission;
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
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * A realm's members: search, invite, change permissions (never beyond the admin's own), and remove.
 * A user who is not a member of the realm is not found, whatever realm they belong to.
 */
@UiController
class RealmUsersController {

    static final int PAGE_SIZE = 50;
    private static final long MAX_IMPORT_BYTES = 1024 * 1024;

    private final Memberships memberships;
    private final Invitations invitations;
    private final PublicUrls publicUrls;

    RealmUsersController(Memberships memberships, Invitations invitations, PublicUrls publicUrls) {
        this.memberships = memberships;
        this.invitations = invitations;
        this.publicUrls = publicUrls;
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
        model.addAttribute("allPermissions", Permission.values());
        return "users/list";
    }

    @GetMapping("/realm/users/new")
    @RequirePermission(Permission.USER_WRITE)
    String inviteForm(UiContext ui, Model model) {
        return invitePage(ui, model, "", "", EnumSet.noneOf(Permission.class));
    }

    /** The invitation form as posted: whom to invite and the permissions chosen, by name. */
    record Invitation(String email, String name, List<String> permission) {

        Invitation {
            email = Objects.requireNonNullElse(email, "");
            name = Objects.requireNonNullElse(name, "");
        }
    }

    @PostMapping("/realm/users")
    @RequirePermission(Permission.USER_WRITE)
    String invite(
            UiContext ui,
            Invitation invitation,
            HttpServletRequest request,
            Locale locale,
            Model model,
            HttpServletResponse response) {
        String email = invitation.email();
        String name = invitation.name();
        Set<Permission> chosen = PermissionChoice.parse(invitation.permission());
        try {
            invitations.invite(
                    granter(ui), ui.requireRealm(), email, name, chosen, publicUrls.baseFor(request), locale);
        } catch (Refusal refused) {
            return FormErrors.show(model, response, invitePage(ui, model, email, name, chosen), refused);
        } catch (PermissionEscalationException refused) {
            return FormErrors.show(
                    model, response, invitePage(ui, model, email, name, chosen), "permissions", "permissions.notHeld");
        }
        return "redirect:/realm/users?invited";
    }

    @GetMapping(value = "/realm/users/export.csv", produces = "text/csv")
    @RequirePermission(Permission.USER_READ)
    void export(UiContext ui, HttpServletResponse response) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=users.csv");
        try (Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8)) {
            RealmUsersCsv.write(memberships.members(ui.requireRealm().id(), "", RealmUsersCsv.MAX_EXPORTED, 0), out);
        }
    }

    @GetMapping("/realm/users/import")
    @RequirePermission(Permission.USER_WRITE)
    String importForm() {
        return "users/import";
    }

    /** Invites every row of the file on its own: a refused row does not stop the others. */
    @PostMapping("/realm/users/import")
    @RequirePermission(Permission.USER_WRITE)
    String importUsers(
            UiContext ui,
            @RequestParam(name = "file", required = false) MultipartFile file,
            HttpServletRequest request,
            Locale locale,
            Model model,
            HttpServletResponse response)
            throws IOException {
        if (file == null || file.isEmpty() || file.getSize() > MAX_IMPORT_BYTES) {
            return FormErrors.show(model, response, "users/import", "file", "users.importFile");
        }
        List<RealmUsersCsv.Row> rows;
        try {
            rows = RealmUsersCsv.read(new String(file.getBytes(), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException refused) {
            return FormErrors.show(model, response, "users/import", "file", "users.importFile");
        }
        List<ImportResult> results = new ArrayList<>();
        String baseUrl;
        try {
            baseUrl = publicUrls.baseFor(request);
        } catch (Refusal refused) {
            return FormErrors.show(model, response, "users/import", "file", "links.unknownHost");
        }
        for (RealmUsersCsv.Row row : rows) {
            results.add(importRow(ui, row, baseUrl, locale));
        }
        model.addAttribute("results", results);
        return "users/import";
    }

    /** How one imported row ended: {@code messageKey} is empty when the person was invited or updated. */
    record ImportResult(long line, String email, String messageKey) {}

    private ImportResult importRow(UiContext ui, RealmUsersCsv.Row row, String baseUrl, Locale locale) {
        if (!row.unknown().isEmpty()) {
            return new ImportResult(row.line(), row.email(), "users.importUnknownPermission");
        }
        try {
            invitations.invite(
                    granter(ui), ui.requireRealm(), row.email(), row.name(), row.permissions(), baseUrl, locale);
            return new ImportResult(row.line(), row.email(), "");
        } catch (Refusal refused) {
            return new ImportResult(
                    row.line(),
                    row.email(),
                    refused.shownByField().values().iterator().next().key());
        } catch (PermissionEscalationException refused) {
            return new ImportResult(row.line(), row.email(), "permissions.notHeld");
        }
    }

    /** The bulk form as posted: the members' ids, the permissions by name, and whether to add or take them. */
    record PermissionChange(List<String> user, List<String> permission, String change) {

        boolean removes() {
            return "remove".equals(change);
        }
    }

    /** Adds or takes one set of permissions for several members at once. */
    @PostMapping("/realm/users/bulk-permissions")
    @Confirm("users.bulkPermissions")
    @RequirePermission(Permission.USER_WRITE)
    String bulkPermissions(UiContext ui, PermissionChange change) {
        Set<Permission> chosen = PermissionChoice.parse(change.permission());
        int refused = 0;
        for (String id : change.user() == null
                ? List.<String>of()
                : change.user().stream().limit(PAGE_SIZE).toList()) {
            Optional<RealmMember> member = parseId(id)
                    .flatMap(userId -> memberships.member(ui.requireRealm().id(), userId));
            if (member.isEmpty() || member.get().user().id() == ui.viewer().id()) {
                refused++;
                continue;
            }
            Set<Permission> next = EnumSet.noneOf(Permission.class);
            next.addAll(member.get().permissions());
            if (change.removes()) {
                next.removeAll(chosen);
            } else {
                next.addAll(chosen);
            }
            try {
                memberships.setPermissions(
                        granter(ui), ui.requireRealm().id(), member.get().user().id(), next);
            } catch (PermissionEscalationException e) {
                refused++;
            }
        }
        return "redirect:/realm/users?changed" + (refused > 0 ? "&refused=" + refused : "");
    }

    @GetMapping("/realm/users/{id}")
    @RequirePermission(Permission.USER_READ)
    String show(UiContext ui, @PathVariable long id, Model model) {
        return memberPage(ui, member(ui, id), model);
    }

    @PostMapping("/realm/users/{id}")
    @Confirm("users.permissions")
    @RequirePermission(Permission.USER_WRITE)
    String setPermissions(
            UiContext ui,
            @PathVariable long id,
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
                    granter(ui), ui.requireRealm().id(), member.user().id(), chosen);
        } catch (PermissionEscalationException refused) {
            return FormErrors.show(
                    model, response, memberPage(ui, member, model), "permissions", "permissions.notHeld");
        }
        return "redirect:/realm/users/" + member.user().id() + "?saved";
    }

    @PostMapping("/realm/users/{id}/remove")
    @Confirm("users.remove")
    @RequirePermission(Permission.USER_WRITE)
    String remove(UiContext ui, @PathVariable long id, Model model, HttpServletResponse response) {
        RealmMember member = member(ui, id);
        if (member.user().id() == ui.viewer().id()) {
            return FormErrors.show(model, response, memberPage(ui, member, model), "permissions", "users.notSelf");
        }
        try {
            memberships.setPermissions(
                    granter(ui), ui.requireRealm().id(), member.user().id(), Set.of());
        } catch (PermissionEscalationException refused) {
            return FormErrors.show(
                    model, response, memberPage(ui, member, model), "permissions", "permissions.notHeld");
        }
        return "redirect:/realm/users?removed";
    }

    private RealmMember member(UiContext ui, long id) {
        return memberships
                .member(ui.requireRealm().id(), id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static Optional<Long> parseId(String id) {
        try {
            return Optional.of(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
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
        Map<Permission, Boolean> all = new LinkedHashMap<>();
        for (Permission permission : Permission.values()) {
            all.put(permission, ui.viewer().systemAdmin() || ui.can(permission));
        }
        return all;
    }

    private static String limit(String text) {
        return text.length() > 100 ? text.substring(0, 100) : text;
    }

    private static Memberships.Granter granter(UiContext ui) {
        return new Memberships.Granter(
                ui.permissions(),
                ui.viewer().systemAdmin(),
                Actor.user(ui.viewer().id()));
    }
}
