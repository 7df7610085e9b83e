package org.enverify.management.api;

import java.util.Set;
import org.enverify.platform.Actor;
import org.enverify.realm.Permission;
import org.enverify.realm.RealmId;

/**
 * Who calls a realm's resource: a token of the realm's identity provider with the permissions its scopes
 * grant, or a token of the operator's with {@code enverify:system}, which may do everything a system
 * administrator may in the realm.
 *
 * @param actor the token's subject, acting through this request
 */
public record RealmCaller(RealmId realm, Set<Permission> permissions, boolean systemAdmin, Actor actor) {

    public RealmCaller {
        permissions = Set.copyOf(permissions);
    }
}
