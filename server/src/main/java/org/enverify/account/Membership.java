package org.enverify.account;

import java.time.Instant;
import java.util.Set;
import org.enverify.realm.Permission;
import org.enverify.realm.RealmId;

/** A user's place in a realm: what they may do there, and since when (the MFA grace period counts from it). */
public record Membership(RealmId realmId, long userId, Set<Permission> permissions, Instant createdAt) {

    public boolean can(Permission permission) {
        return permissions.contains(permission);
    }
}
