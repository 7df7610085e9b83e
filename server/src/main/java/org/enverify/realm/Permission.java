package org.enverify.realm;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a member may do in a realm, with upstream's names and bits, so that exported memberships keep
 * their meaning. Holding a write permission implies its read permission.
 */
public enum Permission {
    AUDIT_READ("AuditRead", 2, null),
    API_KEY_READ("APIKeyRead", 4, null),
    API_KEY_WRITE("APIKeyWrite", 8, API_KEY_READ),
    CODE_ISSUE("CodeIssue", 16, null),
    CODE_BULK_ISSUE("CodeBulkIssue", 32, CODE_ISSUE),
    CODE_READ("CodeRead", 64, null),
    CODE_EXPIRE("CodeExpire", 128, null),
    SETTINGS_READ("SettingsRead", 256, null),
    SETTINGS_WRITE("SettingsWrite", 512, SETTINGS_READ),
    STATS_READ("StatsRead", 1024, null),
    MOBILE_APP_READ("MobileAppRead", 2048, null),
    MOBILE_APP_WRITE("MobileAppWrite", 4096, MOBILE_APP_READ),
    USER_READ("UserRead", 8192, null),
    USER_WRITE("UserWrite", 16384, USER_READ);

    /** Upstream's LegacyRealmUser: a case worker. */
    public static final Set<Permission> CASE_WORKER = EnumSet.of(CODE_ISSUE, CODE_BULK_ISSUE, CODE_READ, CODE_EXPIRE);

    /** Upstream's LegacyRealmAdmin: every permission. */
    public static final Set<Permission> REALM_ADMIN = EnumSet.allOf(Permission.class);

    private final String upstreamName;
    private final long bit;
    private final Permission implies;

    Permission(String upstreamName, long bit, Permission implies) {
        this.upstreamName = upstreamName;
        this.bit = bit;
        this.implies = implies;
    }

    /** The name upstream's UI, CSV exports and user search ({@code can:CodeIssue}) use. */
    public String upstreamName() {
        return upstreamName;
    }

    public long bit() {
        return bit;
    }

    /** The key of the permission's label in {@code messages.properties}. */
    public String messageKey() {
        return "permission." + upstreamName;
    }

    public static Optional<Permission> byUpstreamName(String name) {
        for (Permission permission : values()) {
            if (permission.upstreamName.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return Optional.of(permission);
            }
        }
        return Optional.empty();
    }

    /** The permissions with what they imply added. */
    public static Set<Permission> withImplied(Set<Permission> permissions) {
        Set<Permission> all = permissions.isEmpty() ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(permissions);
        for (Permission permission : permissions) {
            if (permission.implies != null) {
                all.add(permission.implies);
            }
        }
        return all;
    }

    public static long toMask(Set<Permission> permissions) {
        long mask = 0;
        for (Permission permission : withImplied(permissions)) {
            mask |= permission.bit;
        }
        return mask;
    }

    /** The permissions a mask grants; bits no permission uses are ignored. */
    public static Set<Permission> fromMask(long mask) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (Permission permission : values()) {
            if ((mask & permission.bit) != 0) {
                permissions.add(permission);
            }
        }
        return permissions;
    }
}
