package org.enverify.realm.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.enverify.realm.RealmSetting;

/**
 * The settings a form posted, by setting name: only fields that are realm settings the person may
 * change, and only those whose value differs from the realm's, so an untouched form changes nothing.
 */
final class SettingsForm {

    private SettingsForm() {}

    static Map<String, String> changes(
            Map<String, String> posted, Map<String, String> current, Predicate<RealmSetting> mayChange) {
        Map<String, String> changes = new LinkedHashMap<>();
        for (RealmSetting setting : RealmSetting.values()) {
            String value = posted.get(setting.settingName());
            if (value != null && mayChange.test(setting) && !value.equals(current.get(setting.settingName()))) {
                changes.put(setting.settingName(), value);
            }
        }
        return changes;
    }
}
