package org.enverify.realm.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.enverify.abuse.AbuseRealmSettings;
import org.enverify.abuse.RealmQuota;
import org.enverify.platform.Actor;
import org.enverify.realm.Permission;
import org.enverify.realm.Realm;
import org.enverify.realm.RealmId;
import org.enverify.realm.RealmSettingDeclaration;
import org.enverify.realm.RealmSettingType;
import org.enverify.realm.RealmSettingsCatalog;
import org.enverify.realm.RealmSettingsRefused;
import org.enverify.realm.Realms;
import org.enverify.ui.FormErrors;
import org.enverify.ui.RequirePermission;
import org.enverify.ui.SystemAdminOnly;
import org.enverify.ui.UiContext;
import org.enverify.ui.UiController;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * A realm's settings page, one for both scopes: its administrators at {@code /realm/settings}, where the
 * settings only system administrators change are shown read-only and ignored when posted, and system
 * administrators at {@code /admin/realms/<id>}, where every setting is theirs. Each feature's settings group is a
 * section with a form of its own, which saves that group only. Only posted values that differ from the realm's
 * are changes; refused values re-render with their messages next to their fields and change nothing.
 */
@UiController
class RealmSettingsController {

    private final Realms realms;
    private final RealmSettingsCatalog settings;
    private final RealmQuota quota;

    RealmSettingsController(Realms realms, RealmSettingsCatalog settings, RealmQuota quota) {
        this.realms = realms;
        this.settings = settings;
        this.quota = quota;
    }

    /** Who the page serves: what it locks, where it posts, and where a saved form goes. */
    private record Scope(Realm realm, boolean systemAdmin, String action) {}

    @GetMapping("/realm/settings")
    @RequirePermission(Permission.SETTINGS_READ)
    String show(UiContext ui, Model model) {
        return page(realmAdmin(ui), ui.can(Permission.SETTINGS_WRITE), settings.describe(ui.requireRealm()), model);
    }

    @PostMapping("/realm/settings")
    @RequirePermission(Permission.SETTINGS_WRITE)
    String save(
            UiContext ui,
            @RequestParam MultiValueMap<String, String> posted,
            Model model,
            HttpServletResponse response) {
        return save(realmAdmin(ui), ui, posted, model, response);
    }

    @GetMapping("/admin/realms/{id}")
    @SystemAdminOnly
    String showToSystemAdmin(@PathVariable long id, Model model) {
        Scope scope = systemAdmin(id);
        return page(scope, true, settings.describe(scope.realm()), model);
    }

    @PostMapping("/admin/realms/{id}")
    @SystemAdminOnly
    String saveAsSystemAdmin(
            UiContext ui,
            @PathVariable long id,
            @RequestParam MultiValueMap<String, String> posted,
            Model model,
            HttpServletResponse response) {
        return save(systemAdmin(id), ui, posted, model, response);
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
            return FormErrors.show(
                    model,
                    response,
                    page(realmAdmin(ui), true, settings.describe(realm), model),
                    "amount",
                    "settings.burstInvalid");
        }
        return "redirect:/realm/settings?burst";
    }

    /**
     * Saves the settings of the one section the form belongs to (its {@code section} field names the group), and
     * nothing else the request carries; a request that names no section (a script's) saves whatever it sends. A
     * section no form has is refused as a malformed request.
     */
    private String save(
            Scope scope,
            UiContext ui,
            MultiValueMap<String, String> posted,
            Model model,
            HttpServletResponse response) {
        String sectionName = posted.getFirst("section");
        List<RealmSettingsCatalog.Section> saved = settings.sections().stream()
                .filter(candidate -> sectionName == null || candidate.group().equals(sectionName))
                .toList();
        if (saved.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        Map<String, String> current = settings.describe(scope.realm());
        Set<String> locked = locked(scope);
        Map<String, String> changes = new LinkedHashMap<>();
        for (RealmSettingDeclaration<?, ?> setting :
                saved.stream().flatMap(section -> section.settings().stream()).toList()) {
            String sent = sent(setting, posted);
            if (sent != null && !locked.contains(setting.name()) && !sent.equals(current.get(setting.name()))) {
                changes.put(setting.name(), sent);
            }
        }
        try {
            if (!changes.isEmpty()) {
                Actor actor = Actor.user(ui.viewer().id());
                if (scope.systemAdmin()) {
                    realms.update(scope.realm().id(), changes, actor);
                } else {
                    realms.updateAsRealmAdmin(scope.realm().id(), changes, actor);
                }
            }
        } catch (RealmSettingsRefused refused) {
            Map<String, String> shown = new LinkedHashMap<>(current);
            shown.putAll(changes);
            model.addAttribute("refusedSection", sectionName);
            return FormErrors.show(model, response, page(scope, true, shown, model), refused);
        }
        return sectionName == null
                ? "redirect:" + scope.action() + "?saved"
                : "redirect:" + scope.action() + "?saved=" + sectionName + "#settings-" + sectionName;
    }

    /**
     * The text form a section's form sent for a setting, or null when it sent none. The boxes of an any-of
     * setting come with an empty field of the same name, so that none ticked is sent as empty.
     */
    private static String sent(RealmSettingDeclaration<?, ?> setting, MultiValueMap<String, String> posted) {
        List<String> values = posted.get(setting.name());
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (setting.type().entry().kind() == RealmSettingType.Entry.Kind.ANY_OF) {
            return values.stream().filter(value -> !value.isBlank()).collect(Collectors.joining(","));
        }
        return values.getFirst();
    }

    private String page(Scope scope, boolean editable, Map<String, String> values, Model model) {
        Realm realm = scope.realm();
        AbuseRealmSettings abuse = realm.settings(AbuseRealmSettings.class);
        if (!scope.systemAdmin() && abuse.abusePreventionEnabled()) {
            model.addAttribute("dailyQuota", abuse.dailyQuota());
            model.addAttribute("quotaRemaining", quota.remaining(realm));
        }
        if (scope.systemAdmin()) {
            model.addAttribute("realmName", realm.name());
        }
        model.addAttribute("sections", settings.sections());
        model.addAttribute("values", values);
        model.addAttribute("editable", editable);
        model.addAttribute("systemOnly", locked(scope));
        model.addAttribute("action", scope.action());
        return "realms/settings";
    }

    private Set<String> locked(Scope scope) {
        if (scope.systemAdmin()) {
            return Set.of();
        }
        return settings.sections().stream()
                .flatMap(section -> section.settings().stream())
                .filter(RealmSettingDeclaration::systemOnly)
                .map(RealmSettingDeclaration::name)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static Scope realmAdmin(UiContext ui) {
        return new Scope(ui.requireRealm(), false, "/realm/settings");
    }

    private Scope systemAdmin(long id) {
        try {
            Realm realm =
                    realms.find(new RealmId(id)).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
            return new Scope(realm, true, "/admin/realms/" + realm.id());
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}
