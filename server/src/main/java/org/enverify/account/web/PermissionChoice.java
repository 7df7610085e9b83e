package org.enverify.account.web;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.enverify.realm.Permission;

/** The permissions a form's checkboxes chose, by upstream name; unknown names are ignored. */
final class PermissionChoice {

    private PermissionChoice() {}

    static Set<Permission> parse(List<String> names) {
        Set<Permission> chosen = EnumSet.noneOf(Permission.class);
        if (names != null) {
            names.stream()
                    .limit(Permission.values().length * 2L)
                    .forEach(name -> Permission.byUpstreamName(name).ifPresent(chosen::add));
        }
        return chosen;
    }
}
