package org.enverify.realm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every declared {@link RealmSettingsGroup}, the realm's own first: parses, checks and prints realm settings
 * for the CLI, the settings page, the audit diff and storage alike.
 */
@Component
public class RealmSettingsCatalog {

    private static final Logger log = LoggerFactory.getLogger(RealmSettingsCatalog.class);

    private final List<RealmSettingsGroup<?>> groups;
    private final Map<String, RealmSettingDeclaration<?, ?>> byName = new HashMap<>();

    RealmSettingsCatalog(List<RealmSettingsGroup<?>> declared) {
        this.groups = declared.stream()
                .sorted(Comparator.comparing(
                                (RealmSettingsGroup<?> group) -> !group.name().equals(GeneralSettingsGroup.NAME))
                        .thenComparing(RealmSettingsGroup::name))
                .toList();
        Set<String> groupNames = new HashSet<>();
        for (RealmSettingsGroup<?> group : groups) {
            if (!groupNames.add(group.name())) {
                throw new IllegalStateException("Two realm settings groups are named " + group.name());
            }
            for (RealmSettingDeclaration<?, ?> setting : group.settings()) {
                if (byName.put(setting.name(), setting) != null) {
                    throw new IllegalStateException("Two realm settings are named " + setting.name());
                }
            }
        }
    }

    /** A group's settings as the page and the CLI list them. */
    public record Section(String group, List<RealmSettingDeclaration<?, ?>> settings) {}

    /** A refused setting: the message about it and that message's arguments. */
    record Problem(String setting, String messageKey, List<String> arguments) {}

    /** Every group in page order, the realm's own first. */
    public List<Section> sections() {
        return groups.stream()
                .map(group -> new Section(group.name(), List.copyOf(group.settings())))
                .toList();
    }

    /** Every setting of the realm by name, each in its printed text form, in page order. */
    public Map<String, String> describe(Realm realm) {
        return describe(realm.settings());
    }

    Map<String, String> describe(RealmSettings settings) {
        Map<String, String> printed = new LinkedHashMap<>();
        for (RealmSettingsGroup<?> group : groups) {
            printed.putAll(print(group, settings));
        }
        return printed;
    }

    /** The features' groups as stored: each group's settings by name in their printed form. */
    Map<String, Map<String, String>> stored(RealmSettings settings) {
        Map<String, Map<String, String>> stored = new LinkedHashMap<>();
        for (RealmSettingsGroup<?> group : groups) {
            if (!group.name().equals(GeneralSettingsGroup.NAME)) {
                stored.put(group.name(), print(group, settings));
            }
        }
        return stored;
    }

    /**
     * Parses stored groups; a setting that is not stored has its declared default. A stored text the
     * setting no longer accepts (its rules became stricter) falls back to the default with a warning
     * rather than making the realm unreadable.
     */
    RealmSettings read(RealmId realm, GeneralRealmSettings general, Map<String, Map<String, String>> stored) {
        Map<Class<?>, Record> parsed = new HashMap<>();
        for (RealmSettingsGroup<?> group : groups) {
            if (group.name().equals(GeneralSettingsGroup.NAME)) {
                parsed.put(GeneralRealmSettings.class, general);
                continue;
            }
            Map<String, String> texts = stored.getOrDefault(group.name(), Map.of());
            Map<RealmSettingDeclaration<?, ?>, Object> values = new HashMap<>();
            for (RealmSettingDeclaration<?, ?> setting : group.settings()) {
                String text = texts.get(setting.name());
                if (text != null) {
                    try {
                        values.put(setting, setting.type().parse(text));
                    } catch (SettingValueRefused refused) {
                        log.warn(
                                "Realm {} stores a value of {} it no longer accepts; using the default",
                                realm,
                                setting.name());
                    }
                }
            }
            parsed.put(group.type(), create(group, values));
        }
        return new RealmSettings(parsed);
    }

    /** What the realm's settings become with {@code changes}, or the problems that refuse them all. */
    record Applied(RealmSettings settings, List<Problem> problems) {}

    Applied apply(RealmSettings current, Map<String, String> changes, boolean bySystemAdmin) {
        List<Problem> problems = new ArrayList<>();
        Map<RealmSettingDeclaration<?, ?>, Object> parsed = new HashMap<>();
        changes.forEach((name, text) -> {
            RealmSettingDeclaration<?, ?> setting = byName.get(name);
            if (setting == null) {
                problems.add(new Problem(name, "setting.error.unknown", List.of()));
                return;
            }
            if (setting.systemOnly() && !bySystemAdmin) {
                problems.add(new Problem(name, "setting.error.systemOnly", List.of()));
                return;
            }
            try {
                parsed.put(setting, setting.type().parse(text == null ? "" : text));
            } catch (SettingValueRefused refused) {
                problems.add(new Problem(name, refused.messageKey(), refused.arguments()));
            }
        });
        if (!problems.isEmpty()) {
            return new Applied(current, problems);
        }
        Map<Class<?>, Record> changed = new HashMap<>();
        for (RealmSettingsGroup<?> group : groups) {
            changed.put(group.type(), merged(group, parsed, current));
        }
        RealmSettings merged = new RealmSettings(changed);
        Map<Class<?>, Record> reconciled = new HashMap<>();
        for (RealmSettingsGroup<?> group : groups) {
            reconciled.put(group.type(), group.reconcile(current, merged));
        }
        RealmSettings after = new RealmSettings(reconciled);
        for (RealmSettingsGroup<?> group : groups) {
            check(group, after, problems);
        }
        return new Applied(after, problems);
    }

    private static <T extends Record> Map<String, String> print(RealmSettingsGroup<T> group, RealmSettings settings) {
        T values = settings.get(group.type());
        Map<String, String> printed = new LinkedHashMap<>();
        for (RealmSettingDeclaration<T, ?> setting : group.settings()) {
            printed.put(setting.name(), setting.print(values));
        }
        return printed;
    }

    private static <T extends Record> T merged(
            RealmSettingsGroup<T> group, Map<RealmSettingDeclaration<?, ?>, Object> parsed, RealmSettings current) {
        T before = current.get(group.type());
        Map<RealmSettingDeclaration<?, ?>, Object> values = new HashMap<>();
        for (RealmSettingDeclaration<T, ?> setting : group.settings()) {
            values.put(
                    setting,
                    parsed.containsKey(setting)
                            ? parsed.get(setting)
                            : setting.read().apply(before));
        }
        return create(group, values);
    }

    private static <T extends Record> void check(
            RealmSettingsGroup<T> group, RealmSettings all, List<Problem> problems) {
        group.check(
                all.get(group.type()),
                all,
                (setting, key, arguments) -> problems.add(new Problem(setting, key, List.of(arguments))));
    }

    private static <T extends Record> T create(
            RealmSettingsGroup<T> group, Map<RealmSettingDeclaration<?, ?>, Object> values) {
        return group.create(new RealmSettingsGroup.Values() {
            @Override
            @SuppressWarnings("unchecked")
            public <V> V get(RealmSettingDeclaration<?, V> setting) {
                return values.containsKey(setting) ? (V) values.get(setting) : setting.defaultValue();
            }
        });
    }
}
