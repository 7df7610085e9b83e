package org.enverify.account;

import java.util.Set;
import org.enverify.realm.Permission;

/** A member of a realm as its user pages list them. */
public record RealmMember(User user, Membership membership) {

    public Set<Permission> permissions() {
        return membership.permissions();
    }
}
