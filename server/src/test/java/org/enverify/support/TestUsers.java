package org.enverify.support;

import java.util.Set;
import java.util.UUID;
import org.enverify.account.Memberships;
import org.enverify.account.User;
import org.enverify.account.Users;
import org.enverify.realm.Permission;
import org.enverify.realm.RealmId;

/** Accounts for UI tests, each with a fresh email and a password that passes the policy. */
public final class TestUsers {

    public static final String PASSWORD = "correct horse battery staple";

    private TestUsers() {}

    public static User member(Users users, Memberships memberships, RealmId realm, Set<Permission> permissions) {
        User user = users.create("user-" + UUID.randomUUID() + "@example.org", "Test User", false);
        users.setPassword(user.id(), PASSWORD);
        memberships.setPermissions(Memberships.Granter.system(), realm, user.id(), permissions);
        return user;
    }

    public static User systemAdmin(Users users) {
        User user = users.create("admin-" + UUID.randomUUID() + "@example.org", "Test Admin", true);
        users.setPassword(user.id(), PASSWORD);
        return user;
    }
}
