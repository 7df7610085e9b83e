package org.enverify.realm;

import java.util.Map;

/** Every settings group of one realm, parsed once when the realm is loaded; features read theirs by type. */
public final class RealmSettings {

    private final Map<Class<?>, Record> groups;

    RealmSettings(Map<Class<?>, Record> groups) {
        this.groups = Map.copyOf(groups);
    }

    /** A group's settings; every declared group is present. */
    public <T extends Record> T get(Class<T> group) {
        Record settings = groups.get(group);
        if (settings == null) {
            throw new IllegalArgumentException("no realm settings group " + group.getSimpleName());
        }
        return group.cast(settings);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RealmSettings settings && settings.groups.equals(groups);
    }

    @Override
    public int hashCode() {
        return groups.hashCode();
    }
}
