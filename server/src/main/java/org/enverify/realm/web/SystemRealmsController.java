package org.enverify.realm.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.enverify.account.Memberships;
import org.enverify.account.SelectedRealm;
import org.enverify.platform.Actor;
import org.enverify.realm.InvalidRealmSettingsException;
import org.enverify.realm.Permission;
import org.enverify.realm.Realm;
import org.enverify.realm.RealmId;
import org.enverify.realm.Realms;
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

/** System administrators create realms, change any of their settings, and join one to administer it. */
@UiController
@SystemAdminOnly
class SystemRealmsController {

    private final Realms realms;
    private final Memberships memberships;

    SystemRealmsController(Realms realms, Memberships memberships) {
        this.realms = realms;
        this.memberships = memberships;
    }

    @GetMapping("/admin")
    String admin() {
        return "redirect:/admin/realms";
    }

    @GetMapping("/admin/realms")
    String list(Model model) {
        model.addAttribute("realms", realms.list());
        return "realms/list";
    }

    /** The creator joins the new realm as its administrator, as upstream does, so someone can invite its people. */
    @PostMapping("/admin/realms")
    String create(
            UiContext ui, @RequestParam(defaultValue = "") String name, Model model, HttpServletResponse response) {
        Realm created;
        try {
            created = realms.create(name, Map.of(), Actor.user(ui.viewer().id()));
        } catch (InvalidRealmSettingsException refused) {
            model.addAttribute("realms", realms.list());
            model.addAttribute("name", name);
            return FormErrors.show(model, response, "realms/list", refused);
        }
        memberships.setPermissions(
                Memberships.Granter.systemAdmin(Actor.user(ui.viewer().id())),
                created.id(),
                ui.viewer().id(),
                Permission.REALM_ADMIN);
        return "redirect:/admin/realms/" + created.id() + "?created";
    }

    @GetMapping("/admin/realms/{id}")
    String edit(@PathVariable String id, Model model) {
        Realm realm = realm(id);
        return page(realm, RealmSettingsController.current(realm), model);
    }

    @PostMapping("/admin/realms/{id}")
    String save(
            UiContext ui,
            @PathVariable String id,
            @RequestParam Map<String, String> posted,
            Model model,
            HttpServletResponse response) {
        Realm realm = realm(id);
        Map<String, String> changes =
                SettingsForm.changes(posted, RealmSettingsController.current(realm), setting -> true);
        try {
            if (!changes.isEmpty()) {
                realms.update(realm.id(), changes, Actor.user(ui.viewer().id()));
            }
        } catch (InvalidRealmSettingsException refused) {
            Map<String, String> shown = new LinkedHashMap<>(RealmSettingsController.current(realm));
            shown.putAll(changes);
            return FormErrors.show(model, response, page(realm, shown, model), refused);
        }
        return "redirect:/admin/realms/" + realm.id() + "?saved";
    }

    @PostMapping("/admin/realms/{id}/join")
    String join(UiContext ui, @PathVariable String id, HttpServletRequest request) {
        Realm realm = realm(id);
        memberships.setPermissions(
                Memberships.Granter.systemAdmin(Actor.user(ui.viewer().id())),
                realm.id(),
                ui.viewer().id(),
                Permission.REALM_ADMIN);
        if (!SelectedRealm.fixedByHost(request)) {
            SelectedRealm.choose(request, realm.id());
        }
        return "redirect:/realm/settings";
    }

    private String page(Realm realm, Map<String, String> values, Model model) {
        model.addAttribute("sections", SettingSections.all());
        model.addAttribute("values", values);
        model.addAttribute("editable", true);
        model.addAttribute("systemOnly", Set.of());
        model.addAttribute("action", "/admin/realms/" + realm.id());
        model.addAttribute("realmName", realm.name());
        return "realms/settings";
    }

    private Realm realm(String id) {
        try {
            return realms.find(new RealmId(Long.parseLong(id)))
                    .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}
