package org.enverify.realm.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.enverify.abuse.RealmQuota;
import org.enverify.platform.Actor;
import org.enverify.realm.InvalidRealmSettingsException;
import org.enverify.realm.Permission;
import org.enverify.realm.Realm;
import org.enverify.realm.RealmSetting;
import org.enverify.realm.Realms;
import org.enverify.ui.FormErrors;
import org.enverify.ui.RequirePermission;
import org.enverify.ui.UiContext;
import org.enverify.ui.UiController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A realm's settings for its administrators. The settings only system administrators change are shown
 * read-only and ignored when posted; refused values re-render with their messages and change nothing.
 */
@UiController
class RealmSettingsController {

    private final Realms realms;
    private final RealmQuota quota;

    RealmSettingsController(Realms realms, RealmQuota quota) {
        this.realms = realms;
        this.quota = quota;
    }

    @GetMapping("/realm/settings")
    @RequirePermission(Permission.SETTINGS_READ)
    String show(UiContext ui, Model model) {
        return page(ui, current(ui.requireRealm()), model);
    }

    @PostMapping("/realm/settings")
    @RequirePermission(Permission.SETTINGS_WRITE)
    String save(UiContext ui, @RequestParam Map<String, String> posted, Model model, HttpServletResponse response) {
        Realm realm = ui.requireRealm();
        Map<String, String> changes =
                SettingsForm.changes(posted, current(realm), setting -> !SettingSections.SYSTEM_ONLY.contains(setting));
        try {
            if (!changes.isEmpty()) {
                realms.update(realm.id(), changes, Actor.user(ui.viewer().id()));
            }
        } catch (InvalidRealmSettingsException refused) {
            Map<String, String> shown = new LinkedHashMap<>(current(realm));
            shown.putAll(changes);
            return FormErrors.show(model, response, page(ui, shown, model), refused);
        }
        return "redirect:/realm/settings?saved";
    }

    /** A one-off addition to today's quota, for a day with more cases than the modeler foresaw. */
    @PostMapping("/realm/settings/burst")
    @RequirePermission(Permission.SETTINGS_WRITE)
    String burst(
            UiContext ui, @RequestParam(defaultValue = "") String amount, Model model, HttpServletResponse response) {
        Realm realm = ui.requireRealm();
        try {
            quota.addBurst(
                    realm.id(),
                    Integer.parseInt(amount.strip()),
                    Actor.user(ui.viewer().id()));
        } catch (IllegalArgumentException refused) {
            return FormErrors.show(model, response, page(ui, current(realm), model), "amount", "settings.burstInvalid");
        }
        return "redirect:/realm/settings?burst";
    }

    private String page(UiContext ui, Map<String, String> values, Model model) {
        Realm realm = ui.requireRealm();
        if (realm.abusePreventionEnabled()) {
            model.addAttribute("dailyQuota", realm.dailyQuota());
            model.addAttribute("quotaRemaining", quota.remaining(realm));
        }
        model.addAttribute("sections", SettingSections.all());
        model.addAttribute("values", values);
        model.addAttribute("editable", ui.can(Permission.SETTINGS_WRITE));
        model.addAttribute("systemOnly", SettingSections.SYSTEM_ONLY);
        model.addAttribute("action", "/realm/settings");
        return "realms/settings";
    }

    static Map<String, String> current(Realm realm) {
        Map<String, String> values = new LinkedHashMap<>();
        for (RealmSetting setting : RealmSetting.values()) {
            values.put(setting.settingName(), setting.valueOf(realm));
        }
        return values;
    }
}
