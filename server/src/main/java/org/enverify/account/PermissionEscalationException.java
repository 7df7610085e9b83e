package org.enverify.account;

import org.enverify.realm.Permission;

/** Someone tried to grant or take a permission they do not hold themselves. */
public class PermissionEscalationException extends RuntimeException {

    private final Permission permission;

    public PermissionEscalationException(Permission permission) {
        super("may not grant " + permission.upstreamName());
        this.permission = permission;
    }

    public Permission permission() {
        return permission;
    }
}
