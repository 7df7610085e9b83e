package org.enverify.ui;

import java.util.Set;
import org.enverify.realm.Permission;
import org.enverify.realm.Realm;

/**
 * Who is asking, read fresh for every web UI request: the viewer, and the selected realm with the
 * permissions they hold there when one is selected. Controllers take it as a parameter.
 */
public record UiContext(Viewer viewer, Realm realm, Set<Permission> permissions) {

    public static final String ATTRIBUTE = UiContext.class.getName();

    public UiContext {
        permissions = realm == null ? Set.of() : Set.copyOf(permissions);
    }

    public boolean can(Permission permission) {
        return permissions.contains(permission);
    }

    /** {@link #can} by upstream name, for templates: {@code ui.may('CodeIssue')}. */
    public boolean may(String permissionName) {
        return Permission.byUpstreamName(permissionName).map(this::can).orElse(false);
    }

    /** The realm of a page that requires a permission; the interceptor guarantees it is there. */
    public Realm requireRealm() {
        if (realm == null) {
            throw new IllegalStateException("no realm selected");
        }
        return realm;
    }
}
