package org.enverify.account.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enverify.support.ManagementErrors.assertError;
import static org.enverify.support.OAuthRealm.bearer;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.enverify.account.Memberships;
import org.enverify.account.User;
import org.enverify.account.Users;
import org.enverify.apikey.ApiKeys;
import org.enverify.audit.AuditEntries;
import org.enverify.audit.AuditEntry;
import org.enverify.audit.AuditQuery;
import org.enverify.mailoutbox.Mailer;
import org.enverify.mailoutbox.OutboxMail;
import org.enverify.realm.Permission;
import org.enverify.realm.Realms;
import org.enverify.support.ApiClient;
import org.enverify.support.ManagementApiIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.OAuthRealm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** A realm's members through the management API: search, invitation, permission changes and removal. */
@ManagementApiIntegrationTest
class RealmUsersApiIntegrationTests {

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    Users users;

    @Autowired
    Memberships memberships;

    @Autowired
    Mailer mailer;

    @Autowired
    AuditEntries audit;

    private ApiClient api;
    private MutableClock clock;
    private OAuthRealm realm;

    @BeforeEach
    void setUp(ApiClient api, MutableClock clock) {
        this.api = api;
        this.clock = clock;
        this.realm = OAuthRealm.create(realms, apiKeys, clock);
    }

    /** A member without a password (as an invitation leaves them), which spares the password hashing. */
    private User member(OAuthRealm in, String name, String email, Set<Permission> permissions) {
        User user = users.create(email, name, false);
        memberships.setPermissions(Memberships.Granter.system(), in.id(), user.id(), permissions);
        return user;
    }

    private User member(String name, Set<Permission> permissions) {
        return member(realm, name, "u-" + UUID.randomUUID() + "@example.org", permissions);
    }

    private ApiClient.Response call(String method, String rest, String token, String body, Map<String, String> more) {
        return realm.call(api, method, rest, token, body, more);
    }

    private ApiClient.Response call(String method, String rest, String token, String body) {
        return call(method, rest, token, body, Map.of());
    }

    private static List<String> names(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        response.json()
                .path("data")
                .forEach(member -> names.add(member.path("name").asString()));
        return names;
    }

    private Set<Permission> permissionsOf(long userId) {
        return memberships.member(realm.id(), userId).orElseThrow().permissions();
    }

    @Test
    void readingTakesUserReadAndWritingUserWrite() {
        member("Ann Reader", Set.of(Permission.CODE_ISSUE));

        ApiClient.Response listed = call("GET", "/users", realm.token("UserRead"), null);
        assertThat(names(listed)).containsExactly("Ann Reader");
        assertThat(listed.json().path("pagination").path("total_items").asLong())
                .isEqualTo(1);

        assertError(
                call("GET", "/users", realm.token("SettingsRead", "APIKeyWrite"), null),
                403,
                "insufficient_scope",
                null);
        String email = "new-" + UUID.randomUUID() + "@example.org";
        assertError(
                call(
                        "POST",
                        "/users",
                        realm.token("UserRead"),
                        "{\"email\":\"" + email + "\",\"name\":\"New\",\"permissions\":[\"CodeIssue\"]}"),
                403,
                "insufficient_scope",
                null);
        assertThat(users.findByEmail(email)).isEmpty();
    }

    @Test
    void anInvitationAddsTheMemberMailsTheLinkAndIsAuditedForTheToken() {
        String email = "invited-" + UUID.randomUUID() + "@example.org";

        ApiClient.Response invited = call(
                "POST",
                "/users",
                realm.tokenOf("hr-sync", "UserWrite", "CodeIssue", "CodeRead"),
                "{\"email\":\"" + email + "\",\"name\":\"Iris Invited\",\"permissions\":[\"CodeIssue\",\"CodeRead\"]}",
                Map.of("X-Request-Id", "hr-sync-7"));

        assertThat(invited.status()).as(invited.body()).isEqualTo(201);
        JsonNode data = invited.json().path("data");
        assertThat(data.path("email").asString()).isEqualTo(email);
        assertThat(data.path("invitation_pending").asBoolean()).isTrue();
        assertThat(data.path("permissions").values().stream().map(JsonNode::asString))
                .containsExactlyInAnyOrder("CodeIssue", "CodeRead");
        long id = Long.parseLong(data.path("id").asString());
        assertThat(permissionsOf(id)).containsExactlyInAnyOrder(Permission.CODE_ISSUE, Permission.CODE_READ);
        OutboxMail mail = mailer.outbox(200, 0).stream()
                .filter(sent -> sent.recipient().equals(email))
                .findFirst()
                .orElseThrow();
        assertThat(mail.body()).contains("/invitations/");
        AuditEntry entry =
                audit.page(realm.id(), AuditQuery.all(0, 1)).entries().getFirst();
        assertThat(entry.action()).isEqualTo("membership.create");
        assertThat(entry.actor()).isEqualTo("oauth:hr-sync");
        assertThat(entry.requestId()).isEqualTo("hr-sync-7");
    }

    @Test
    void noTokenGrantsOrTakesWhatItsScopeLacks() {
        User member = member("Carl Case", Set.of(Permission.CODE_ISSUE));
        String email = "escalate-" + UUID.randomUUID() + "@example.org";

        assertError(
                call(
                        "PATCH",
                        "/users/" + member.id(),
                        realm.token("UserWrite"),
                        "{\"permissions\":[\"SettingsWrite\"]}"),
                403,
                "insufficient_scope",
                "permissions");
        assertError(
                call(
                        "POST",
                        "/users",
                        realm.token("UserWrite"),
                        "{\"email\":\"" + email + "\",\"name\":\"E\",\"permissions\":[\"AuditRead\"]}"),
                403,
                "insufficient_scope",
                "permissions");

        assertThat(permissionsOf(member.id())).containsExactly(Permission.CODE_ISSUE);
        assertThat(users.findByEmail(email)).isEmpty();
        // taking CodeIssue needs it as much as granting CodeRead does
        assertError(
                call(
                        "PATCH",
                        "/users/" + member.id(),
                        realm.token("UserWrite", "CodeRead"),
                        "{\"permissions\":[\"CodeRead\"]}"),
                403,
                "insufficient_scope",
                "permissions");
        assertThat(permissionsOf(member.id())).containsExactly(Permission.CODE_ISSUE);
        ApiClient.Response changed = call(
                "PATCH",
                "/users/" + member.id(),
                realm.token("UserWrite", "CodeIssue", "CodeRead"),
                "{\"permissions\":[\"CodeRead\"]}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(permissionsOf(member.id())).containsExactly(Permission.CODE_READ);
    }

    @Test
    void theLastMemberWhoManagesUsersKeepsThatPermission() {
        User admin = member("Ada Admin", Permission.REALM_ADMIN);
        String everything = realm.token(
                Permission.REALM_ADMIN.stream().map(Permission::upstreamName).toArray(String[]::new));

        assertError(
                call("PATCH", "/users/" + admin.id(), everything, "{\"permissions\":[\"CodeIssue\"]}"),
                409,
                "last_user_admin",
                "permissions");
        assertError(call("DELETE", "/users/" + admin.id(), everything, null), 409, "last_user_admin", "permissions");
        assertThat(permissionsOf(admin.id())).isEqualTo(Permission.REALM_ADMIN);

        member("Bob Admin", Set.of(Permission.USER_WRITE));
        ApiClient.Response removed = call("DELETE", "/users/" + admin.id(), everything, null);
        assertThat(removed.status()).as(removed.body()).isEqualTo(204);
        assertThat(memberships.member(realm.id(), admin.id())).isEmpty();
        assertThat(users.find(admin.id())).isPresent();
    }

    @Test
    void anotherRealmsTokenAndMembersAreRefused() {
        OAuthRealm other = OAuthRealm.create(realms, apiKeys, clock);
        User outsider =
                member(other, "Olga Other", "o-" + UUID.randomUUID() + "@example.org", Set.of(Permission.CODE_ISSUE));

        ApiClient.Response foreignPath =
                api.request("GET", other.path("/users"), bearer(realm.token("UserRead", "UserWrite")), null);
        assertThat(foreignPath.status()).isEqualTo(401);

        String token = realm.token("UserWrite", "CodeIssue", "CodeRead");
        assertError(call("GET", "/users/" + outsider.id(), token, null), 404, "not_found", null);
        assertError(
                call("PATCH", "/users/" + outsider.id(), token, "{\"permissions\":[\"CodeRead\"]}"),
                404,
                "not_found",
                null);
        assertError(call("DELETE", "/users/" + outsider.id(), token, null), 404, "not_found", null);
        assertThat(memberships.member(other.id(), outsider.id()).orElseThrow().permissions())
                .containsExactly(Permission.CODE_ISSUE);
    }

    @Test
    void theSearchTakesUpstreamsSyntax() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        member(
                realm,
                "Ann Admin",
                "ann-" + tag + "@county.example",
                EnumSet.of(Permission.USER_WRITE, Permission.CODE_ISSUE));
        member(realm, "Ben Worker", "ben-" + tag + "@county.example", Permission.CASE_WORKER);
        member(realm, "Cleo Reader", "cleo-" + tag + "@state.example", EnumSet.of(Permission.USER_READ));
        String token = realm.token("UserRead");

        assertThat(names(call("GET", "/users?sort=name&q=name:ben", token, null)))
                .containsExactly("Ben Worker");
        assertThat(names(call("GET", "/users?sort=name&q=email:county.example", token, null)))
                .containsExactly("Ann Admin", "Ben Worker");
        assertThat(names(call("GET", "/users?sort=name&q=can:UserRead", token, null)))
                .containsExactly("Ann Admin", "Cleo Reader");
        assertThat(names(call("GET", "/users?sort=name&q=cannot:UserWrite", token, null)))
                .containsExactly("Ben Worker", "Cleo Reader");
        assertThat(names(call("GET", "/users?sort=name&q=can:CodeIssue%20cannot:CodeExpire", token, null)))
                .containsExactly("Ann Admin");
        assertThat(names(call("GET", "/users?sort=name&q=STATE", token, null))).containsExactly("Cleo Reader");
        assertThat(names(call("GET", "/users?sort=-name&q=" + tag, token, null)))
                .containsExactly("Cleo Reader", "Ben Worker", "Ann Admin");
        assertThat(names(call("GET", "/users?q=name:nobody", token, null))).isEmpty();

        assertError(call("GET", "/users?q=can:Root", token, null), 400, "unparsable_request", "q");
        assertError(call("GET", "/users?q=" + "x".repeat(201), token, null), 400, "unparsable_request", "q");
    }

    @Test
    void theDefaultOrderIsNewestFirst() {
        member("First", Set.of(Permission.CODE_ISSUE));
        clock.advance(java.time.Duration.ofSeconds(1));
        member("Second", Set.of(Permission.CODE_ISSUE));

        assertThat(names(call("GET", "/users", realm.token("UserRead"), null))).containsExactly("Second", "First");
    }

    @Test
    void badInputIsRefusedInTheEnvelopeAndChangesNothing() {
        User member = member("Dora Steady", Set.of(Permission.CODE_ISSUE));
        String token = realm.token("UserWrite", "CodeIssue", "CodeRead");
        String path = "/users/" + member.id();

        assertError(
                call("PATCH", path, token, "{\"permisions\":[\"CodeRead\"]}"), 400, "unparsable_request", "permisions");
        assertError(
                call("PATCH", path, token, "{\"permissions\":\"CodeRead\"}"), 400, "unparsable_request", "permissions");
        assertError(
                call("PATCH", path, token, "{\"permissions\":[\"Root\"]}"), 400, "unparsable_request", "permissions");
        assertError(call("PATCH", path, token, "{\"permissions\":[]}"), 400, "unparsable_request", "permissions");
        assertError(
                call("PATCH", path, token, "{\"permissions\":[\"" + "C".repeat(1024 * 1024) + "\"]}"),
                413,
                "unparsable_request",
                null);
        assertError(call("PATCH", "/users/abc", token, "{\"permissions\":[\"CodeRead\"]}"), 404, "not_found", null);
        assertError(call("GET", "/users?sort=password", token, null), 400, "unparsable_request", "sort");
        assertError(call("GET", "/users?page=0", token, null), 400, "unparsable_request", "page");
        assertError(call("GET", "/users?limit=201", token, null), 400, "unparsable_request", "limit");
        String email = "bad-" + UUID.randomUUID() + "@example.org";
        assertError(
                call(
                        "POST",
                        "/users",
                        token,
                        "{\"email\":\"" + email + "\",\"name\":7,\"permissions\":[\"CodeIssue\"]}"),
                400,
                "unparsable_request",
                "name");
        assertError(
                call(
                        "POST",
                        "/users",
                        token,
                        "{\"email\":\"not an email\",\"name\":\"N\",\"permissions\":[\"CodeIssue\"]}"),
                400,
                "unparsable_request",
                null);

        assertThat(permissionsOf(member.id())).containsExactly(Permission.CODE_ISSUE);
        assertThat(users.findByEmail(email)).isEmpty();
        assertThat(names(call("GET", "/users", token, null))).containsExactly("Dora Steady");
    }
}
