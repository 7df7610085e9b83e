package org.enverify.account.api;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.enverify.account.Invitations;
import org.enverify.account.MemberSearch;
import org.enverify.account.PublicUrls;
import org.enverify.account.User;
import org.enverify.account.UserNotFoundException;
import org.enverify.account.Users;
import org.enverify.management.api.Envelope;
import org.enverify.management.api.Idempotency;
import org.enverify.management.api.Paging;
import org.enverify.management.api.SystemCaller;
import org.enverify.platform.ListQuery;
import org.enverify.platform.api.ApiException;
import org.enverify.platform.api.ErrorCode;
import org.enverify.platform.api.JsonRequestReader;
import org.enverify.platform.api.ManagementApi;
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
 * The installation's accounts for the operator's tokens ({@code enverify:system}), through the same services as
 * the system users page: search in upstream's syntax, invite a system administrator, make or unmake one, end an
 * account's sessions, delete it; each change in the system-wide audit trail. The page's rule that nobody demotes
 * or deletes themselves keeps a system administrator; a token is nobody's account, so here the installation's
 * last system administrator stays one instead.
 */
@RestController
@ManagementApi
class SystemUsersApiController {

    private final Users users;
    private final Invitations invitations;
    private final PublicUrls publicUrls;
    private final JsonRequestReader reader;
    private final Idempotency idempotency;

    SystemUsersApiController(
            Users users,
            Invitations invitations,
            PublicUrls publicUrls,
            JsonRequestReader reader,
            Idempotency idempotency) {
        this.users = users;
        this.invitations = invitations;
        this.publicUrls = publicUrls;
        this.reader = reader;
        this.idempotency = idempotency;
    }

    /** An account as the API shows it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UserView(
            String id,
            String email,
            String name,
            boolean systemAdmin,
            boolean emailVerified,
            boolean invitationPending,
            Instant createdAt) {

        static UserView of(User user) {
            return new UserView(
                    Long.toString(user.id()),
                    user.email(),
                    user.name(),
                    user.systemAdmin(),
                    user.emailVerified(),
                    !user.hasPassword(),
                    user.createdAt());
        }
    }

    /** Whom to make a system administrator: an existing account by its email, or a new one. */
    record NewSystemAdmin(String email, String name) {}

    /** Whether the account is a system administrator from now on. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SystemAdminChange(Boolean systemAdmin) {}

    @GetMapping("/api/v1/users")
    Envelope<List<UserView>> list(
            SystemCaller caller,
            @Paging(sorts = {"created_at", "name", "email"}) ListQuery query,
            @RequestParam(name = "q", required = false) String search,
            @RequestParam(name = "system_admin", required = false) String systemAdmin) {
        return Envelope.page(
                users.list(MemberSearch.parse(search, "q"), flag(systemAdmin), query), query, UserView::of);
    }

    @GetMapping("/api/v1/users/{userId}")
    Envelope<UserView> show(SystemCaller caller, @PathVariable long userId) {
        return Envelope.of(UserView.of(user(userId)));
    }

    /** As the page's form: an existing account becomes a system administrator, a new one is invited by mail. */
    @PostMapping("/api/v1/users")
    ResponseEntity<?> inviteSystemAdmin(SystemCaller caller, HttpServletRequest request) {
        NewSystemAdmin wanted = reader.read(request, NewSystemAdmin.class, ErrorCode.UNPARSABLE_REQUEST);
        return idempotency.create(Optional.empty(), caller.actor(), request, wanted, () -> {
            User invited = invitations.inviteSystemAdmin(
                    wanted.email(), wanted.name(), publicUrls.baseFor(request), request.getLocale(), caller.actor());
            return ResponseEntity.status(HttpStatus.CREATED).body(Envelope.of(UserView.of(user(invited.id()))));
        });
    }

    @PatchMapping("/api/v1/users/{userId}")
    Envelope<UserView> setSystemAdmin(SystemCaller caller, @PathVariable long userId, HttpServletRequest request) {
        SystemAdminChange change = reader.read(request, SystemAdminChange.class, ErrorCode.UNPARSABLE_REQUEST);
        if (change.systemAdmin() == null) {
            throw ApiException.badRequest(ErrorCode.UNPARSABLE_REQUEST, "system_admin is required")
                    .about("system_admin");
        }
        try {
            users.setSystemAdmin(user(userId).id(), change.systemAdmin(), caller.actor());
        } catch (UserNotFoundException gone) {
            throw notFound();
        }
        return Envelope.of(UserView.of(user(userId)));
    }

    /** Ends every session of the account in the web UI: its next request signs in again. */
    @PostMapping("/api/v1/users/{userId}/revoke-sessions")
    Envelope<UserView> revokeSessions(SystemCaller caller, @PathVariable long userId) {
        User user = user(userId);
        users.revokeSessions(user.id(), caller.actor());
        return Envelope.of(UserView.of(user));
    }

    /** Deletes the account with its memberships in every realm. */
    @DeleteMapping("/api/v1/users/{userId}")
    ResponseEntity<Void> delete(SystemCaller caller, @PathVariable long userId) {
        if (!users.delete(user(userId).id(), caller.actor())) {
            throw notFound();
        }
        return ResponseEntity.noContent().build();
    }

    private User user(long userId) {
        return users.find(userId).orElseThrow(SystemUsersApiController::notFound);
    }

    /** {@code true} or {@code false}; absent for every account. */
    private static Boolean flag(String systemAdmin) {
        if (systemAdmin == null) {
            return null;
        }
        return switch (systemAdmin) {
            case "true" -> true;
            case "false" -> false;
            default ->
                throw ApiException.badRequest(ErrorCode.UNPARSABLE_REQUEST, "system_admin must be true or false")
                        .about("system_admin");
        };
    }

    private static ApiException notFound() {
        return new ApiException(HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND, "not found");
    }
}
