package org.enverify.account;

import java.util.Set;
import org.enverify.platform.Actor;
import org.enverify.realm.Permission;
import org.enverify.realm.Realm;

/**
 * Who is asking, read fresh for every web UI request: the account, and the selected realm with the
 * membership there when one is selected. Controllers take it as a parameter.
 */
public record UiContext(User user, Realm realm, Membership membership) {

    public static final String ATTRIBUTE = UiContext.class.getName();

    public boolean can(Permission permission) {
        return membership != null && membership.can(permission);
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

    /** What this user may grant in the realm. */
    public Memberships.Granter granter() {
        return new Memberships.Granter(
                membership == null ? Set.of() : membership.permissions(), user.systemAdmin(), Actor.user(user.id()));
    }
}
