package org.enverify.account.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enverify.support.ManagementErrors.assertError;
import static org.enverify.support.OAuthRealm.bearer;

import java.util.ArrayList;
import java.util.HashMap;
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
import org.enverify.realm.Permission;
import org.enverify.realm.Realms;
import org.enverify.support.ApiClient;
import org.enverify.support.ManagementApiIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.OAuthRealm;
import org.enverify.support.TestIdentityProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The installation's accounts through the management API, for the operator's system tokens. */
@ManagementApiIntegrationTest
class SystemUsersApiIntegrationTests {

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

    @Autowired
    JdbcClient jdbc;

    private ApiClient api;
    private MutableClock clock;
    private OAuthRealm realm;
    /** Part of every email this test makes, so a search finds its accounts only. */
    private String tag;

    @BeforeEach
    void setUp(ApiClient api, MutableClock clock) {
        this.api = api;
        this.clock = clock;
        this.realm = OAuthRealm.create(realms, apiKeys, clock);
        this.tag = "t" + UUID.randomUUID().toString().substring(0, 8);
    }

    private ApiClient.Response call(String method, String path, String token, String body, Map<String, String> more) {
        Map<String, String> headers = new HashMap<>(bearer(token));
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        headers.putAll(more);
        return api.request(method, path, headers, body);
    }

    private ApiClient.Response operator(String method, String path, String body) {
        return call(method, path, OAuthRealm.operatorToken(clock), body, Map.of());
    }

    /** An account without a password, which spares the password hashing; a member of the realm when it has permissions. */
    private User account(String name, Set<Permission> permissions) {
        User user = users.create(name.toLowerCase().replace(' ', '.') + "-" + tag + "@example.org", name, false);
        if (!permissions.isEmpty()) {
            memberships.setPermissions(Memberships.Granter.system(), realm.id(), user.id(), permissions);
        }
        return user;
    }

    private static List<String> emails(ApiClient.Response response) {
        List<String> emails = new ArrayList<>();
        response.json()
                .path("data")
                .forEach(user -> emails.add(user.path("email").asString()));
        return emails;
    }

    private AuditEntry lastSystemEntry(String action) {
        return audit.pageSystemWide(new AuditQuery(null, null, "oauth:ops-robot", action, false, 0, 1))
                .entries()
                .getFirst();
    }

    @Test
    void onlyTheOperatorsSystemTokenReachesTheAccounts() {
        ApiClient.Response listed = operator("GET", "/api/v1/users", null);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.json().path("pagination").path("total_items").asLong())
                .isPositive();

        String withoutSystem = TestIdentityProvider.get()
                .tenant(TestIdentityProvider.OPERATOR)
                .token(clock.instant(), TestIdentityProvider.OPERATOR_AUDIENCE, "ops-robot", "enverify:UserWrite");
        assertError(call("GET", "/api/v1/users", withoutSystem, null, Map.of()), 403, "insufficient_scope", null);
        User someone = account("Sam Someone", Set.of());
        assertError(
                call("DELETE", "/api/v1/users/" + someone.id(), withoutSystem, null, Map.of()),
                403,
                "insufficient_scope",
                null);
        assertError(
                call("GET", "/api/v1/users", realm.token("UserWrite", "UserRead"), null, Map.of()),
                401,
                "unauthorized",
                null);
        assertThat(users.find(someone.id())).isPresent();
    }

    @Test
    void accountsAreSearchedInUpstreamsSyntaxAndPaged() {
        User ada = account("Ada Admin", Set.of(Permission.USER_WRITE));
        User carl = account("Carl Case", Set.of(Permission.CODE_ISSUE));
        User nobody = account("Nora Nobody", Set.of());
        for (int i = 3; i < 120; i++) {
            account("Bulk " + i, Set.of());
        }

        assertThat(emails(operator("GET", "/api/v1/users?q=" + tag + "%20can:UserWrite", null)))
                .containsExactly(ada.email());
        assertThat(emails(operator("GET", "/api/v1/users?q=" + tag + "%20can:CodeIssue%20cannot:UserWrite", null)))
                .containsExactly(carl.email());
        assertThat(emails(operator("GET", "/api/v1/users?q=email:" + tag + "%20name:nora", null)))
                .containsExactly(nobody.email());
        assertThat(emails(operator("GET", "/api/v1/users?q=" + tag + "&system_admin=true", null)))
                .isEmpty();

        List<String> seen = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            ApiClient.Response listed =
                    operator("GET", "/api/v1/users?sort=email&limit=50&page=" + page + "&q=" + tag, null);
            assertThat(listed.status()).as(listed.body()).isEqualTo(200);
            assertThat(listed.json().path("pagination").path("total_items").asLong())
                    .isEqualTo(120);
            assertThat(listed.json().path("data").size()).isEqualTo(page < 3 ? 50 : 20);
            seen.addAll(emails(listed));
        }
        assertThat(seen).hasSize(120).doesNotHaveDuplicates().isSorted();
        JsonNode newest = operator("GET", "/api/v1/users?limit=1&q=" + tag, null)
                .json()
                .path("data")
                .path(0);
        assertThat(newest.path("id").isString()).isTrue();
        assertThat(newest.path("created_at").asString()).endsWith("Z");

        assertError(operator("GET", "/api/v1/users?q=can:Everything", null), 400, "unparsable_request", "q");
        assertError(operator("GET", "/api/v1/users?system_admin=yes", null), 400, "unparsable_request", "system_admin");
        assertError(operator("GET", "/api/v1/users?limit=201", null), 400, "unparsable_request", "limit");
        assertError(operator("GET", "/api/v1/users?sort=password", null), 400, "unparsable_request", "sort");
    }

    @Test
    void aSystemAdministratorIsInvitedAndUnmadeWithTheirAuditEntries() {
        String email = "new-admin-" + tag + "@example.org";
        String body = "{\"email\":\"" + email + "\",\"name\":\"Olga Ops\"}";
        Map<String, String> idempotent = Map.of("Idempotency-Key", "admin-" + tag, "X-Request-Id", "ops-" + tag);

        ApiClient.Response invited = call("POST", "/api/v1/users", OAuthRealm.operatorToken(clock), body, idempotent);
        ApiClient.Response again = call("POST", "/api/v1/users", OAuthRealm.operatorToken(clock), body, idempotent);

        assertThat(invited.status()).as(invited.body()).isEqualTo(201);
        JsonNode data = invited.json().path("data");
        assertThat(data.path("system_admin").asBoolean()).isTrue();
        assertThat(data.path("invitation_pending").asBoolean()).isTrue();
        assertThat(again.json()).isEqualTo(invited.json());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        User admin = users.findByEmail(email).orElseThrow();
        assertThat(admin.systemAdmin()).isTrue();
        assertThat(mailer.outbox(200, 0).stream()
                        .filter(mail -> mail.recipient().equals(email)))
                .hasSize(1)
                .allSatisfy(mail -> assertThat(mail.body()).contains("/invitations/"));
        AuditEntry made = lastSystemEntry("user.system_admin");
        assertThat(made.target()).isEqualTo("users:" + admin.id());
        assertThat(made.requestId()).isEqualTo("ops-" + tag);

        ApiClient.Response unmade = operator("PATCH", "/api/v1/users/" + admin.id(), "{\"system_admin\":false}");
        assertThat(unmade.status()).as(unmade.body()).isEqualTo(200);
        assertThat(unmade.json().path("data").path("system_admin").asBoolean()).isFalse();
        assertThat(users.find(admin.id()).orElseThrow().systemAdmin()).isFalse();
        AuditEntry taken = lastSystemEntry("user.system_admin");
        assertThat(taken.diff().get("system_admin").after()).isEqualTo("false");
    }

    @Test
    void badChangesAreRefusedAndChangeNothing() {
        User someone = account("Sam Someone", Set.of());
        String path = "/api/v1/users/" + someone.id();

        assertError(operator("PATCH", path, "{}"), 400, "unparsable_request", "system_admin");
        assertError(operator("PATCH", path, "{\"system_admin\":\"yes\"}"), 400, "unparsable_request", "system_admin");
        assertError(operator("PATCH", path, "{\"system_admin\":true,\"root\":1}"), 400, "unparsable_request", "root");
        assertError(
                operator("POST", "/api/v1/users", "{\"email\":\"not-an-email\",\"name\":\"X\"}"),
                400,
                "unparsable_request",
                "email");
        assertError(operator("PATCH", "/api/v1/users/not-an-id", "{\"system_admin\":true}"), 404, "not_found", null);
        assertError(operator("PATCH", "/api/v1/users/999999999999", "{\"system_admin\":true}"), 404, "not_found", null);
        assertError(operator("DELETE", "/api/v1/users/999999999999", null), 404, "not_found", null);

        assertThat(users.find(someone.id()).orElseThrow().systemAdmin()).isFalse();
        assertThat(users.findByEmail("not-an-email")).isEmpty();
    }

    @Test
    void sessionsAreEndedAndAnAccountIsDeletedWithItsMemberships() {
        User carl = account("Carl Case", Set.of(Permission.CODE_ISSUE));

        ApiClient.Response revoked = operator("POST", "/api/v1/users/" + carl.id() + "/revoke-sessions", null);
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(users.find(carl.id()).orElseThrow().sessionsRevokedAt()).isNotNull();
        assertThat(lastSystemEntry("user.revoke_sessions").target()).isEqualTo("users:" + carl.id());

        ApiClient.Response deleted = operator("DELETE", "/api/v1/users/" + carl.id(), null);
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
        assertThat(users.find(carl.id())).isEmpty();
        assertThat(lastSystemEntry("user.delete").target()).isEqualTo("users:" + carl.id());
        assertThat(audit.page(realm.id(), AuditQuery.all(0, 1))
                        .entries()
                        .getFirst()
                        .action())
                .isEqualTo("membership.delete");
        assertError(operator("GET", "/api/v1/users/" + carl.id(), null), 404, "not_found", null);
    }

    @Test
    void theInstallationsLastSystemAdministratorStaysOne() {
        User last = users.create("last-admin-" + tag + "@example.org", "Lee Last", true);
        // the shared test database has other tests' administrators: they step down for this test only
        List<Long> others = jdbc.sql("SELECT id FROM users WHERE system_admin AND id <> ?")
                .param(last.id())
                .query(Long.class)
                .list();
        jdbc.sql("UPDATE users SET system_admin = false WHERE system_admin AND id <> ?")
                .param(last.id())
                .update();
        try {
            assertError(
                    operator("PATCH", "/api/v1/users/" + last.id(), "{\"system_admin\":false}"),
                    409,
                    "last_user_admin",
                    "system_admin");
            assertError(operator("DELETE", "/api/v1/users/" + last.id(), null), 409, "last_user_admin", null);
            assertThat(users.find(last.id()).orElseThrow().systemAdmin()).isTrue();
        } finally {
            if (!others.isEmpty()) {
                jdbc.sql("UPDATE users SET system_admin = true WHERE id IN (:ids)")
                        .param("ids", others)
                        .update();
            }
        }
    }
}
