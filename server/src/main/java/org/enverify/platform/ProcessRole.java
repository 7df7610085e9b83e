package org.enverify.platform;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What a process serves. A process runs any set of roles; {@code all} runs every one. */
public enum ProcessRole {
    UI("ui"),
    DEVICE_API("device-api"),
    ADMIN_API("admin-api"),
    REDIRECT("redirect"),
    WORKER("worker");

    /** The property value of the CLI: a process that serves nothing. */
    public static final String NONE = "none";

    private final String propertyValue;

    ProcessRole(String propertyValue) {
        this.propertyValue = propertyValue;
    }

    public String propertyValue() {
        return propertyValue;
    }

    /** Parses {@code ENVERIFY_ROLES}: a comma-separated list of role names, {@code all} or {@code none}. */
    public static Set<ProcessRole> parse(String value) {
        Set<ProcessRole> roles = EnumSet.noneOf(ProcessRole.class);
        String text = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (text.isEmpty() || text.equals("all")) {
            return EnumSet.allOf(ProcessRole.class);
        }
        if (text.equals(NONE)) {
            return roles;
        }
        for (String name : text.split(",")) {
            String trimmed = name.trim();
            if (trimmed.equals("all")) {
                return EnumSet.allOf(ProcessRole.class);
            }
            roles.add(Arrays.stream(values())
                    .filter(role -> role.propertyValue.equals(trimmed))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("Unknown role '" + trimmed
                            + "' in ENVERIFY_ROLES; use any of ui, device-api, admin-api, redirect, worker, or all")));
        }
        return roles;
    }
}
