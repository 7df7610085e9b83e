package org.enverify.code.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enverify.support.ManagementErrors.assertError;
import static org.enverify.support.OAuthRealm.bearer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.enverify.account.Memberships;
import org.enverify.account.User;
import org.enverify.account.Users;
import org.enverify.apikey.ApiKeyType;
import org.enverify.apikey.ApiKeys;
import org.enverify.audit.AuditEntries;
import org.enverify.audit.AuditEntry;
import org.enverify.audit.AuditQuery;
import org.enverify.code.Codes;
import org.enverify.platform.Actor;
import org.enverify.realm.Permission;
import org.enverify.realm.Realms;
import org.enverify.support.ApiClient;
import org.enverify.support.ManagementApiIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.OAuthRealm;
import org.enverify.support.TestUsers;
import org.enverify.support.UiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** A realm's codes through the management API: issue with /api/issue's rules, today's list, status, expiry. */
@ManagementApiIntegrationTest
class CodesApiIntegrationTests {

    private static final String CONFIRMED = "{\"testType\":\"confirmed\"}";

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    Codes codes;

    @Autowired
    AuditEntries audit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Users users;

    @Autowired
    Memberships memberships;

    private ApiClient api;
    private MutableClock clock;
    private OAuthRealm realm;

    @BeforeEach
    void setUp(ApiClient api, MutableClock clock) {
        this.api = api;
        this.clock = clock;
        this.realm = OAuthRealm.create(realms, apiKeys, clock, Map.of("require_date", "false"));
    }

    private ApiClient.Response call(String method, String rest, String token, String body, Map<String, String> more) {
        return realm.call(api, method, rest, token, body, more);
    }

    private ApiClient.Response call(String method, String rest, String token, String body) {
        return call(method, rest, token, body, Map.of());
    }

    private long storedCodes(OAuthRealm in) {
        return jdbc.sql("SELECT count(*) FROM verification_codes WHERE realm_id = ?")
                .param(in.id().value())
                .query(Long.class)
                .single();
    }

    private JsonNode issue(String token) {
        ApiClient.Response issued = call("POST", "/codes", token, CONFIRMED);
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return issued.json().path("data");
    }

    @Test
    void eachCallTakesItsPermission() {
        assertError(
                call("POST", "/codes", realm.token("CodeRead", "CodeExpire"), CONFIRMED),
                403,
                "insufficient_scope",
                null);
        String uuid = issue(realm.token("CodeIssue")).path("uuid").asString();
        assertError(call("GET", "/codes", realm.token("CodeIssue"), null), 403, "insufficient_scope", null);
        assertError(
                call("GET", "/codes/" + uuid, realm.token("CodeIssue", "CodeExpire"), null),
                403,
                "insufficient_scope",
                null);
        assertError(
                call("POST", "/codes/" + uuid + "/expire", realm.token("CodeRead"), null),
                403,
                "insufficient_scope",
                null);

        assertThat(call("GET", "/codes", realm.token("CodeRead"), null).status())
                .isEqualTo(200);
        assertThat(call("GET", "/codes/" + uuid, realm.token("CodeRead"), null).status())
                .isEqualTo(200);
        assertThat(call("POST", "/codes/" + uuid + "/expire", realm.token("CodeExpire"), null)
                        .status())
                .isEqualTo(200);
        assertThat(storedCodes(realm)).isEqualTo(1);
    }

    @Test
    void anIssuedCodeIsShownOnceWorksAndNamesTheCallerAsItsIssuer() {
        JsonNode issued = issue(realm.tokenOf("hr-sync", "CodeIssue"));
        String code = issued.path("code").asString();
        String uuid = issued.path("uuid").asString();

        assertThat(code).matches("[0-9]{8}");
        assertThat(issued.path("test_type").asString()).isEqualTo("confirmed");
        assertThat(issued.path("claimed").asBoolean()).isFalse();
        assertThat(Instant.parse(issued.path("expires_at").asString())).isAfter(clock.instant());
        assertThat(issued.has("phone")).isFalse();
        assertThat(codes.details(realm.id(), UUID.fromString(uuid)).issuingOauthSubject())
                .isEqualTo("hr-sync");

        ApiClient.Response shown = call("GET", "/codes/" + uuid, realm.token("CodeRead"), null);
        assertThat(shown.status()).as(shown.body()).isEqualTo(200);
        assertThat(shown.json().path("data").path("uuid").asString()).isEqualTo(uuid);
        assertThat(shown.json().path("data").has("code")).isFalse();
        assertThat(shown.body()).doesNotContain(code);

        String deviceKey = apiKeys.create(realm.id(), ApiKeyType.DEVICE, "app", Actor.cli())
                .key();
        assertThat(api.post("/api/verify", deviceKey, Map.of("code", code)).status())
                .isEqualTo(200);
        assertThat(call("GET", "/codes/" + uuid, realm.token("CodeRead"), null)
                        .json()
                        .path("data")
                        .path("claimed")
                        .asBoolean())
                .isTrue();
        assertError(
                call("POST", "/codes/" + uuid + "/expire", realm.token("CodeExpire"), null),
                400,
                "code_already_claimed",
                null);
    }

    @Test
    void theCodesStatusPageNamesTheCallerAsItsIssuer(UiClient browser) {
        String uuid = issue(realm.tokenOf("hr-sync", "CodeIssue")).path("uuid").asString();
        User worker = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
        browser.signIn(worker.email(), TestUsers.PASSWORD);

        assertThat(browser.get("/codes/status?uuid=" + uuid).text("#code-issuer"))
                .isEqualTo("hr-sync (management API)");
    }

    @Test
    void aReplayedIssueIssuesNothingMoreAndAnotherBodyIsRefused() {
        Map<String, String> idempotent = Map.of("Idempotency-Key", "case-" + UUID.randomUUID());

        ApiClient.Response first = call("POST", "/codes", realm.token("CodeIssue"), CONFIRMED, idempotent);
        ApiClient.Response again = call(
                "POST",
                "/codes",
                realm.token("CodeIssue"),
                "{\"testType\":\"confirmed\",\"padding\":\"AAAA\"}",
                idempotent);

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(again.json().path("data").path("code").asString()).isNotEmpty();
        assertThat(storedCodes(realm)).isEqualTo(1);

        assertError(
                call("POST", "/codes", realm.token("CodeIssue"), "{\"testType\":\"likely\"}", idempotent),
                422,
                "idempotency_key_reused",
                "Idempotency-Key");
        assertThat(storedCodes(realm)).isEqualTo(1);
    }

    @Test
    void theListHoldsTheCallersCodesOfTodayPaged() {
        String token = realm.tokenOf("hr-sync", "CodeIssue", "CodeRead");
        List<String> issued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            issued.add(issue(token).path("uuid").asString());
            clock.advance(Duration.ofSeconds(1));
        }
        issue(realm.tokenOf("someone-else", "CodeIssue"));
        String adminKey = apiKeys.create(realm.id(), ApiKeyType.ADMIN, "feed", Actor.cli())
                .key();
        assertThat(api.post("/api/issue", adminKey, CONFIRMED).status()).isEqualTo(200);

        List<String> listed = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            ApiClient.Response listing = call("GET", "/codes?limit=2&page=" + page, token, null);
            assertThat(listing.status()).as(listing.body()).isEqualTo(200);
            assertThat(listing.json().path("pagination").path("total_items").asLong())
                    .isEqualTo(5);
            listing.json().path("data").forEach(code -> {
                assertThat(code.has("code")).isFalse();
                listed.add(code.path("uuid").asString());
            });
        }
        assertThat(listed).isEqualTo(issued.reversed());
        ApiClient.Response oldestFirst = call("GET", "/codes?sort=created_at&limit=1", token, null);
        assertThat(oldestFirst.json().path("data").get(0).path("uuid").asString())
                .isEqualTo(issued.getFirst());

        clock.advance(Duration.ofDays(1));
        ApiClient.Response tomorrow = call("GET", "/codes", realm.tokenOf("hr-sync", "CodeRead"), null);
        assertThat(tomorrow.json().path("data").size()).isZero();
        assertThat(tomorrow.json().path("pagination").path("total_items").asLong())
                .isZero();
    }

    @Test
    void anExpiredCodeIsAuditedForTheCaller() {
        String uuid = issue(realm.token("CodeIssue")).path("uuid").asString();

        ApiClient.Response expired =
                call("POST", "/codes/" + uuid + "/expire", realm.tokenOf("ops", "CodeExpire"), null);

        assertThat(expired.status()).as(expired.body()).isEqualTo(200);
        assertThat(Instant.parse(expired.json().path("data").path("expires_at").asString()))
                .isBeforeOrEqualTo(clock.instant());
        assertThat(codes.status(realm.id(), UUID.fromString(uuid)).expiresAt()).isBeforeOrEqualTo(clock.instant());
        AuditEntry entry =
                audit.page(realm.id(), AuditQuery.all(0, 1)).entries().getFirst();
        assertThat(entry.action()).isEqualTo("code.expire");
        assertThat(entry.actor()).isEqualTo("oauth:ops");
    }

    @Test
    void anotherRealmsTokenAndCodesAreRefused() {
        OAuthRealm other = OAuthRealm.create(realms, apiKeys, clock, Map.of("require_date", "false"));
        String foreign = other.call(api, "POST", "/codes", other.token("CodeIssue"), CONFIRMED, Map.of())
                .json()
                .path("data")
                .path("uuid")
                .asString();
        String token = realm.token("CodeIssue", "CodeRead", "CodeExpire");

        assertThat(api.request("GET", other.path("/codes/" + foreign), bearer(token), null)
                        .status())
                .isEqualTo(401);
        assertThat(api.request("POST", other.path("/codes"), bearer(token), CONFIRMED)
                        .status())
                .isEqualTo(401);
        assertError(call("GET", "/codes/" + foreign, token, null), 404, "not_found", null);
        assertError(call("POST", "/codes/" + foreign + "/expire", token, null), 404, "not_found", null);

        assertThat(codes.status(other.id(), UUID.fromString(foreign)).expiresAt())
                .isAfter(clock.instant());
        assertThat(storedCodes(realm)).isZero();
        assertThat(storedCodes(other)).isEqualTo(1);
    }

    @Test
    void badInputIsRefusedInTheEnvelopeAndIssuesNothing() {
        String token = realm.token("CodeIssue", "CodeRead", "CodeExpire");

        assertError(
                call("POST", "/codes", token, "{\"testType\":\"confirmed\",\"code\":\"12345678\"}"),
                400,
                "unparsable_request",
                "code");
        assertError(call("POST", "/codes", token, "{\"testType\":7}"), 400, "unparsable_request", "testType");
        assertError(call("POST", "/codes", token, "{\"testType\":\"guessed\"}"), 400, "invalid_test_type", "testType");
        assertError(
                call("POST", "/codes", token, "{\"testType\":\"confirmed\",\"symptomDate\":\"yesterday\"}"),
                400,
                "unparsable_request",
                "symptomDate");
        assertError(
                call("POST", "/codes", token, "{\"testType\":\"confirmed\",\"phone\":\"not a phone\"}"),
                400,
                "phone_number_invalid",
                "phone");
        assertError(
                call(
                        "POST",
                        "/codes",
                        token,
                        "{\"testType\":\"confirmed\",\"padding\":\"" + "p".repeat(1024 * 1024) + "\"}"),
                413,
                "unparsable_request",
                null);
        assertError(call("POST", "/codes", token, "[]"), 400, "unparsable_request", null);
        assertError(call("GET", "/codes/not-a-uuid", token, null), 404, "not_found", null);
        assertError(call("POST", "/codes/" + UUID.randomUUID() + "/expire", token, null), 404, "not_found", null);
        assertError(call("GET", "/codes?sort=uuid", token, null), 400, "unparsable_request", "sort");
        assertError(call("GET", "/codes?limit=201", token, null), 400, "unparsable_request", "limit");
        assertError(call("GET", "/codes?page=0", token, null), 400, "unparsable_request", "page");

        assertThat(storedCodes(realm)).isZero();
    }
}
