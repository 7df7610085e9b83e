package org.enverify.management.api;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.enverify.platform.Actor;
import org.enverify.realm.Permission;
import org.enverify.realm.RealmId;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * An accepted bearer token: of the realms whose provider it satisfies (the one its path names; on the GraphQL
 * endpoint, every realm that trusts its issuer and audience), with the permissions of its scopes, or of the
 * operator (system scope). The caller a handler gets is made from it with the request's id.
 */
final class BearerCaller extends AbstractAuthenticationToken {

    static final String SCOPE_PREFIX = "enverify:";
    static final String SYSTEM_SCOPE = SCOPE_PREFIX + "system";

    private final Jwt token;
    private final Set<RealmId> realms;
    private final Set<Permission> permissions;
    private final boolean system;

    private BearerCaller(Jwt token, Set<RealmId> realms, Set<Permission> permissions, boolean system) {
        super(AuthorityUtils.NO_AUTHORITIES);
        this.token = token;
        this.realms = Set.copyOf(realms);
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
        return new BearerCaller(token, Set.of(realm), Permission.withImplied(granted), false);
    }

    /** A token of the operator's provider: a system administrator when it has {@code enverify:system}. */
    static BearerCaller ofOperator(Jwt token, List<String> scopes) {
        return new BearerCaller(token, Set.of(), Set.of(), scopes.contains(SYSTEM_SCOPE));
    }

    /** The same token accepted in more realms, whose providers it satisfies as well. */
    BearerCaller alsoIn(Set<RealmId> more) {
        Set<RealmId> all = new HashSet<>(realms);
        all.addAll(more);
        return new BearerCaller(token, all, permissions, system);
    }

    /** The realms the token acts in; none for an operator's token. */
    Set<RealmId> realms() {
        return realms;
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
