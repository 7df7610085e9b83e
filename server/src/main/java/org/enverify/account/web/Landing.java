package org.enverify.account.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.enverify.realm.Permission;

/** Where a member lands after choosing a realm: the page of the first permission held, as upstream. */
final class Landing {

    private static final Map<Permission, String> PAGES = new LinkedHashMap<>();

    static {
        PAGES.put(Permission.CODE_ISSUE, "/codes/issue");
        PAGES.put(Permission.CODE_BULK_ISSUE, "/codes/bulk-issue");
        PAGES.put(Permission.STATS_READ, "/realm/stats");
        PAGES.put(Permission.SETTINGS_READ, "/realm/settings");
        PAGES.put(Permission.AUDIT_READ, "/realm/events");
        PAGES.put(Permission.USER_READ, "/realm/users");
        PAGES.put(Permission.API_KEY_READ, "/realm/apikeys");
        PAGES.put(Permission.MOBILE_APP_READ, "/realm/mobile-apps");
        PAGES.put(Permission.CODE_READ, "/codes/status");
    }

    private Landing() {}

    static String pageFor(Set<Permission> permissions) {
        return PAGES.entrySet().stream()
                .filter(page -> permissions.contains(page.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse("/account");
    }
}
