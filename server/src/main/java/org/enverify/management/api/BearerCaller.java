package org.enverify.management.api;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.enverify.platform.Actor;
import org.enverify.realm.Permission;
import org.enverify.realm.RealmId;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * An accepted bearer token: of the realm its path names (with the permissions of its scopes), or of the
 * operator (system scope). The caller a handler gets is made from it with the request's id.
 */
final class BearerCaller extends AbstractAuthenticationToken {

    static final String SCOPE_PREFIX = "enverify:";
    static final String SYSTEM_SCOPE = SCOPE_PREFIX + "system";

    private final Jwt token;
    private final RealmId realm;
    private final Set<Permission> permissions;
    private final boolean system;

    private BearerCaller(Jwt token, RealmId realm, Set<Permission> permissions, boolean system) {
        super(AuthorityUtils.NO_AUTHORITIES);
        this.token = token;
        this.realm = realm;
        this.permissions = permissions;
        this.system = system;
        setAuthenticated(true);
    }

    /** A token of the realm's provider: each scope {@code enverify:<Permission>} grants that permission. */
    static BearerCaller ofRealm(Jwt token, RealmId realm, List<String> scopes) {
        Set<Permission> granted = EnumSet.noneOf(Permission.class);
        for (Permission permission : Permission.values()) {
            if (scopes.contains(SCOPE_PREFIX + permission.upstreamName())) {
                granted.add(permission);
            }
        }
        return new BearerCaller(token, realm, Permission.withImplied(granted), false);
    }

    /** A token of the operator's provider: a system administrator when it has {@code enverify:system}. */
    static BearerCaller ofOperator(Jwt token, List<String> scopes) {
        return new BearerCaller(token, null, Set.of(), scopes.contains(SYSTEM_SCOPE));
    }

    /** Null for an operator's token. */
    RealmId realm() {
        return realm;
    }

    Set<Permission> permissions() {
        return permissions;
    }

    /** Whether the token has {@code enverify:system}. */
    boolean system() {
        return system;
    }

    Actor actor() {
        return Actor.oauth(token.getSubject());
    }

    @Override
    public Object getCredentials() {
        return token;
    }

    @Override
    public Object getPrincipal() {
        return token.getSubject();
    }
}
