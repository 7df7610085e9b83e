package org.enverify.realm;

import java.util.List;

/**
 * A feature's realm settings, declared by the feature as a Spring bean in its own package: the group's
 * name (its section of the settings page and its key in storage), the record features read with
 * {@link Realm#settings(Class)}, and its settings. The CLI, the settings page, the audit diff and storage
 * all derive from these declarations, so adding a setting touches only the feature that reads it.
 */
public interface RealmSettingsGroup<T extends Record> {

    /** Lower camel case, such as {@code codes}; its page section's title is {@code settings.section.<name>}. */
    String name();

    Class<T> type();

    /** In the order the page and the CLI list them. */
    List<RealmSettingDeclaration<T, ?>> settings();

    /** The group's record from its settings' values (each the parsed text, or the declared default). */
    T create(Values values);

    /**
     * Rules between settings, run on every change of any realm setting after each value parsed; {@code all}
     * holds every group as it would be saved, for rules that read another feature's settings.
     */
    default void check(T settings, RealmSettings all, Check check) {}

    /**
     * This group's settings as a change leaves them, run before the rules: a switch in one group may set
     * values of another, as turning EN Express on fixes the codes' shape. {@code before} holds every group as
     * stored, {@code after} as changed; without consequences for this group, its settings in {@code after}.
     */
    default T reconcile(RealmSettings before, RealmSettings after) {
        return after.get(type());
    }

    /** The parsed values of a group's settings while its record is created. */
    interface Values {
        <V> V get(RealmSettingDeclaration<?, V> setting);
    }

    /** Collects refusals of a group's rules; a refused change is saved only when none refused it. */
    interface Check {
        /** Refuses the change with a message about the named setting; arguments are shown as given. */
        void refuse(String setting, String messageKey, String... arguments);
    }
}
