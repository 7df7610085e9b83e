package org.enverify.signing.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.enverify.platform.Actor;
import org.enverify.realm.Permission;
import org.enverify.realm.Realm;
import org.enverify.realm.RealmSettingsRefused;
import org.enverify.realm.Realms;
import org.enverify.signing.CertificateKeys;
import org.enverify.signing.SigningRealmSettings;
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
import org.springframework.web.server.ResponseStatusException;

/**
 * A realm's certificate signing keys: switch between the system key and the realm's own (with its issuer
 * and audience), publish a new key version, activate one once key servers imported it, destroy old ones.
 */
@UiController
class SigningKeysController {

    private final CertificateKeys keys;
    private final Realms realms;

    SigningKeysController(CertificateKeys keys, Realms realms) {
        this.keys = keys;
        this.realms = realms;
    }

    @GetMapping("/realm/keys")
    @RequirePermission(Permission.SETTINGS_READ)
    String list(UiContext ui, Model model) {
        return page(ui.requireRealm(), model);
    }

    @PostMapping("/realm/keys/use")
    @RequirePermission(Permission.SETTINGS_WRITE)
    String use(
            UiContext ui,
            @RequestParam(defaultValue = "false") boolean realmKey,
            @RequestParam(defaultValue = "") String issuer,
            @RequestParam(defaultValue = "") String audience,
            Model model,
            HttpServletResponse response) {
        Realm realm = ui.requireRealm();
        try {
            realms.updateAsRealmAdmin(
                    realm.id(),
                    realmKey
                            ? Map.of(
                                    "certificate_issuer",
                                    issuer,
                                    "certificate_audience",
                                    audience,
                                    "use_realm_certificate_key",
                                    "true")
                            : Map.of("use_realm_certificate_key", "false"),
                    Actor.user(ui.viewer().id()));
        } catch (RealmSettingsRefused refused) {
            return FormErrors.show(model, response, page(realm, model), refused);
        }
        return "redirect:/realm/keys?saved";
    }

    @PostMapping("/realm/keys")
    @RequirePermission(Permission.SETTINGS_WRITE)
    String create(UiContext ui) {
        keys.createRealmKey(ui.requireRealm().id(), Actor.user(ui.viewer().id()));
        return "redirect:/realm/keys?created";
    }

    @PostMapping("/realm/keys/{id}/activate")
    @Confirm("keys.activate")
    @RequirePermission(Permission.SETTINGS_WRITE)
    String activate(UiContext ui, @PathVariable long id) {
        try {
            keys.activateRealmKey(
                    ui.requireRealm().id(), id, Actor.user(ui.viewer().id()));
        } catch (IllegalArgumentException unknown) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/realm/keys?activated";
    }

    @PostMapping("/realm/keys/{id}/destroy")
    @Confirm("keys.destroy")
    @RequirePermission(Permission.SETTINGS_WRITE)
    String destroy(UiContext ui, @PathVariable long id) {
        try {
            keys.destroyRealmKey(
                    ui.requireRealm().id(), id, Actor.user(ui.viewer().id()));
        } catch (IllegalArgumentException unknownOrActive) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/realm/keys?destroyed";
    }

    private String page(Realm realm, Model model) {
        Realm current = realms.find(realm.id()).orElse(realm);
        model.addAttribute("realm", current);
        model.addAttribute("signing", current.settings(SigningRealmSettings.class));
        model.addAttribute("keys", keys.realmKeyVersions(realm.id()));
        return "signing/keys";
    }
}
