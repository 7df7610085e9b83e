package org.enverify.account;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.enverify.audit.AuditLog;
import org.enverify.platform.Actor;
import org.enverify.platform.ListQuery;
import org.enverify.platform.Listing;
import org.enverify.platform.Refusal;
import org.enverify.platform.api.ErrorCode;
import org.enverify.realm.Permission;
import org.enverify.realm.RealmId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who belongs to which realm with which permissions. Nobody grants what they do not hold: a realm
 * member hands out at most their own permissions; a system administrator any.
 */
@Service
public class Memberships {

    private final MembershipRepository repository;
    private final Clock clock;
    private final AuditLog audit;

    Memberships(MembershipRepository repository, Clock clock, AuditLog audit) {
        this.repository = repository;
        this.clock = clock;
        this.audit = audit;
    }

    public Optional<Membership> find(RealmId realm, long userId) {
        return repository.find(realm, userId);
    }

    public List<Membership> ofUser(long userId) {
        return repository.ofUser(userId);
    }

    /** A member of the realm; empty for anyone who is not one, whatever other realm they belong to. */
    public Optional<RealmMember> member(RealmId realm, long userId) {
        return repository.member(realm, userId);
    }

    public List<RealmMember> members(RealmId realm, String search, int limit, int offset) {
        return repository.members(realm, search == null ? "" : search.strip(), limit, offset);
    }

    /** A page of the members the search finds, in the order the query names ({@code joined_at}, {@code name}, {@code email}). */
    public Listing<RealmMember> list(RealmId realm, MemberSearch search, ListQuery query) {
        return repository.list(realm, search, query);
    }

    /**
     * Sets the user's permissions in the realm (with what they imply), adding the membership if there is
     * none; an empty set removes it, as upstream purges memberships without permissions. A change is
     * audited for the granter's actor.
     *
     * @throws PermissionEscalationException when the granter does not hold a permission granted or taken
     * @throws Refusal {@code last_user_admin} about the {@code permissions} when someone other than a system
     *     administrator would take {@code UserWrite} from the realm's last member holding it: the realm would be
     *     left without anyone to manage its people
     */
    @Transactional
    public Optional<Membership> setPermissions(
            Granter granter, RealmId realm, long userId, Set<Permission> permissions) {
        Set<Permission> wanted = Permission.withImplied(permissions);
        Set<Permission> current = repository
                .findForUpdate(realm, userId)
                .map(Membership::permissions)
                .orElse(EnumSet.noneOf(Permission.class));
        Set<Permission> changed = EnumSet.noneOf(Permission.class);
        for (Permission permission : Permission.values()) {
            if (wanted.contains(permission) != current.contains(permission)) {
                changed.add(permission);
            }
        }
        granter.checkMayGrant(changed);
        if (!granter.systemAdmin()
                && current.contains(Permission.USER_WRITE)
                && !wanted.contains(Permission.USER_WRITE)
                && repository.holdersForUpdate(realm, Permission.USER_WRITE).stream()
                        .allMatch(holder -> holder == userId)) {
            throw Refusal.of(
                            ErrorCode.LAST_USER_ADMIN,
                            "the realm's last member with UserWrite cannot lose it; grant it to another member first")
                    .about("permissions")
                    .shown("users.lastUserAdmin");
        }
        if (!changed.isEmpty()) {
            audit.record(
                    realm,
                    granter.actor(),
                    current.isEmpty()
                            ? "membership.create"
                            : wanted.isEmpty() ? "membership.delete" : "membership.update",
                    target(userId),
                    Map.of("permissions", current),
                    Map.of("permissions", wanted));
        }
        if (wanted.isEmpty()) {
            repository.delete(realm, userId);
            return Optional.empty();
        }
        repository.upsert(realm, userId, Permission.toMask(wanted), clock.instant());
        return repository.find(realm, userId);
    }

    @Transactional
    public boolean remove(RealmId realm, long userId, Actor actor) {
        Optional<Membership> removed = repository.findForUpdate(realm, userId);
        removed.ifPresent(membership -> audit.record(
                realm,
                actor,
                "membership.delete",
                target(userId),
                Map.of("permissions", membership.permissions()),
                Map.of()));
        return repository.delete(realm, userId);
    }

    private static String target(long userId) {
        return "users:" + userId;
    }

    /**
     * Who grants, as whom the audit trail records: the permissions they hold in the realm, or a system
     * administrator, who may grant any.
     */
    public record Granter(Set<Permission> held, boolean systemAdmin, Actor actor) {

        /** Enverify itself, or a system administrator acting as {@code actor}. */
        public static Granter systemAdmin(Actor actor) {
            return new Granter(Set.of(), true, actor);
        }

        public static Granter system() {
            return systemAdmin(Actor.system());
        }

        void checkMayGrant(Set<Permission> permissions) {
            if (systemAdmin) {
                return;
            }
            for (Permission permission : permissions) {
                if (!held.contains(permission)) {
                    throw new PermissionEscalationException(permission);
                }
            }
        }
    }
}
