package org.enverify.realm.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.enverify.account.Memberships;
import org.enverify.account.SelectedRealm;
import org.enverify.platform.Actor;
import org.enverify.realm.Permission;
import org.enverify.realm.Realm;
import org.enverify.realm.RealmId;
import org.enverify.realm.RealmSettingsRefused;
import org.enverify.realm.Realms;
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
 * System administrators list and create realms, and join one to administer it; {@link RealmSettingsController}
 * serves them each realm's settings.
 */
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
        } catch (RealmSettingsRefused refused) {
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

    @PostMapping("/admin/realms/{id}/join")
    @Confirm("realms.join")
    String join(UiContext ui, @PathVariable long id, HttpServletRequest request) {
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

    private Realm realm(long id) {
        try {
            return realms.find(new RealmId(id)).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}
