package org.enverify.account.api;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.enverify.account.Invitations;
import org.enverify.account.MemberSearch;
import org.enverify.account.Memberships;
import org.enverify.account.PermissionEscalationException;
import org.enverify.account.PublicUrls;
import org.enverify.account.RealmMember;
import org.enverify.management.api.Envelope;
import org.enverify.management.api.Idempotency;
import org.enverify.management.api.Paging;
import org.enverify.management.api.RealmCaller;
import org.enverify.management.api.RequireScope;
import org.enverify.platform.ListQuery;
import org.enverify.platform.api.ApiException;
import org.enverify.platform.api.ErrorCode;
import org.enverify.platform.api.JsonRequestReader;
import org.enverify.platform.api.ManagementApi;
import org.enverify.realm.Permission;
import org.enverify.realm.Realm;
import org.enverify.realm.RealmNotFoundException;
import org.enverify.realm.Realms;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A realm's members through the same services as its users page: search in upstream's syntax, invite (with the
 * same mail), change permissions and remove, never granting or taking what the caller's token lacks, and never
 * taking {@code UserWrite} from the realm's last member who holds it. A user who is not a member of the realm is
 * not found, whatever realm they belong to.
 */
@RestController
@ManagementApi
class RealmUsersApiController {

    private final Memberships memberships;
    private final Invitations invitations;
    private final Realms realms;
    private final PublicUrls publicUrls;
    private final JsonRequestReader reader;
    private final Idempotency idempotency;

    RealmUsersApiController(
            Memberships memberships,
            Invitations invitations,
            Realms realms,
            PublicUrls publicUrls,
            JsonRequestReader reader,
            Idempotency idempotency) {
        this.memberships = memberships;
        this.invitations = invitations;
        this.realms = realms;
        this.publicUrls = publicUrls;
        this.reader = reader;
        this.idempotency = idempotency;
    }

    /** A member as the API shows them: their permissions by upstream name, with what they imply. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record MemberView(
            String id,
            String email,
            String name,
            List<String> permissions,
            boolean emailVerified,
            boolean invitationPending,
            Instant joinedAt) {

        static MemberView of(RealmMember member) {
            return new MemberView(
                    Long.toString(member.user().id()),
                    member.user().email(),
                    member.user().name(),
                    member.permissions().stream().map(Permission::upstreamName).toList(),
                    member.user().emailVerified(),
                    !member.user().hasPassword(),
                    member.membership().createdAt());
        }
    }

    /** Whom to invite, and with which permissions (upstream names). */
    record NewMember(String email, String name, List<String> permissions) {}

    /** The member's new permissions (upstream names): they replace the current ones. */
    record PermissionChange(List<String> permissions) {}

    @GetMapping("/api/v1/realms/{realmId}/users")
    Envelope<List<MemberView>> list(
            @RequireScope(Permission.USER_READ) RealmCaller caller,
            @Paging(sorts = {"joined_at", "name", "email"}) ListQuery query,
            @RequestParam(name = "q", required = false) String search) {
        return Envelope.page(
                memberships.list(caller.realm(), MemberSearch.parse(search, "q"), query), query, MemberView::of);
    }

    @GetMapping("/api/v1/realms/{realmId}/users/{userId}")
    Envelope<MemberView> show(@RequireScope(Permission.USER_READ) RealmCaller caller, @PathVariable long userId) {
        return Envelope.of(MemberView.of(member(caller, userId)));
    }

    /** Invites someone: a new account gets a link to choose its password, an existing one a note that it joined. */
    @PostMapping("/api/v1/realms/{realmId}/users")
    ResponseEntity<?> invite(@RequireScope(Permission.USER_WRITE) RealmCaller caller, HttpServletRequest request) {
        NewMember wanted = reader.read(request, NewMember.class, ErrorCode.UNPARSABLE_REQUEST);
        Set<Permission> permissions = permissions(wanted.permissions());
        Realm realm = realms.find(caller.realm()).orElseThrow(() -> new RealmNotFoundException(caller.realm()));
        return idempotency.create(Optional.of(caller.realm()), caller.actor(), request, wanted, () -> {
            long invited = granting(() -> invitations
                    .invite(
                            granter(caller),
                            realm,
                            wanted.email(),
                            wanted.name(),
                            permissions,
                            publicUrls.baseFor(request),
                            request.getLocale())
                    .id());
            return ResponseEntity.status(HttpStatus.CREATED).body(Envelope.of(MemberView.of(member(caller, invited))));
        });
    }

    @PatchMapping("/api/v1/realms/{realmId}/users/{userId}")
    Envelope<MemberView> changePermissions(
            @RequireScope(Permission.USER_WRITE) RealmCaller caller,
            @PathVariable long userId,
            HttpServletRequest request) {
        PermissionChange change = reader.read(request, PermissionChange.class, ErrorCode.UNPARSABLE_REQUEST);
        Set<Permission> permissions = permissions(change.permissions());
        RealmMember member = member(caller, userId);
        granting(() -> memberships.setPermissions(
                granter(caller), caller.realm(), member.user().id(), permissions));
        return Envelope.of(MemberView.of(member(caller, userId)));
    }

    /** Takes the member out of the realm; their account and other realms stay. */
    @DeleteMapping("/api/v1/realms/{realmId}/users/{userId}")
    ResponseEntity<Void> remove(@RequireScope(Permission.USER_WRITE) RealmCaller caller, @PathVariable long userId) {
        RealmMember member = member(caller, userId);
        granting(() -> memberships.setPermissions(
                granter(caller), caller.realm(), member.user().id(), Set.of()));
        return ResponseEntity.noContent().build();
    }

    private RealmMember member(RealmCaller caller, long userId) {
        return memberships
                .member(caller.realm(), userId)
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND, "not found"));
    }

    /** At least one permission, each named as upstream names it; an unknown name is refused, never ignored. */
    private static Set<Permission> permissions(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw ApiException.badRequest(ErrorCode.UNPARSABLE_REQUEST, "permissions must name at least one permission")
                    .about("permissions");
        }
        Set<Permission> chosen = EnumSet.noneOf(Permission.class);
        for (String name : names) {
            chosen.add(Permission.byUpstreamName(name == null ? "" : name)
                    .orElseThrow(() -> ApiException.badRequest(
                                    ErrorCode.UNPARSABLE_REQUEST, "no permission is named \"" + name + "\"")
                            .about("permissions")));
        }
        return chosen;
    }

    private static Memberships.Granter granter(RealmCaller caller) {
        return new Memberships.Granter(caller.permissions(), caller.systemAdmin(), caller.actor());
    }

    /** A permission the caller's token lacks may be neither granted nor taken: 403, as a missing scope is. */
    private static <T> T granting(Supplier<T> change) {
        try {
            return change.get();
        } catch (PermissionEscalationException refused) {
            throw new ApiException(
                            HttpStatus.FORBIDDEN,
                            ErrorCode.INSUFFICIENT_SCOPE,
                            "the token's scope lacks enverify:"
                                    + refused.permission().upstreamName() + ", which the change grants or takes")
                    .about("permissions");
        }
    }
}
