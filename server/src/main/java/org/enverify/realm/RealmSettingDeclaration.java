package org.enverify.realm;

import java.util.function.Function;

/**
 * One realm setting of a {@link RealmSettingsGroup}: its documented name, its type, its default and where
 * the group's record keeps it. Its label and help are the messages {@code setting.<name>} and
 * {@code setting.<name>.help}; the help, a few plain sentences, is the one text about the setting, under its
 * field on the settings page and beside its name in {@code realm settings}.
 *
 * @param systemOnly whether only a system administrator may change it; realm administrators see it read-only
 */
public record RealmSettingDeclaration<T extends Record, V>(
        String name, RealmSettingType<V> type, V defaultValue, Function<T, V> read, boolean systemOnly) {

    public static <T extends Record, V> RealmSettingDeclaration<T, V> of(
            String name, RealmSettingType<V> type, V defaultValue, Function<T, V> read) {
        return new RealmSettingDeclaration<>(name, type, defaultValue, read, false);
    }

    /** The same setting, changed by system administrators only. */
    public RealmSettingDeclaration<T, V> forSystemAdminsOnly() {
        return new RealmSettingDeclaration<>(name, type, defaultValue, read, true);
    }

    public String labelKey() {
        return "setting." + name;
    }

    public String helpKey() {
        return "setting." + name + ".help";
    }

    String print(T group) {
        return type.print(read.apply(group));
    }
}
