package org.enverify.apikey.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enverify.support.ManagementErrors.assertError;
import static org.enverify.support.OAuthRealm.bearer;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.enverify.apikey.ApiKeySummary;
import org.enverify.apikey.ApiKeyType;
import org.enverify.apikey.ApiKeys;
import org.enverify.audit.AuditEntries;
import org.enverify.audit.AuditEntry;
import org.enverify.audit.AuditQuery;
import org.enverify.platform.Actor;
import org.enverify.realm.Realms;
import org.enverify.support.ApiClient;
import org.enverify.support.ManagementApiIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.OAuthRealm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** A realm's API keys through the management API: list with last use, creation shown once, rename, disable, enable. */
@ManagementApiIntegrationTest
class ApiKeysApiIntegrationTests {

    /** The keys every test realm starts with: admin, device and stats. */
    private static final int STARTING_KEYS = 3;

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    AuditEntries audit;

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

    private List<ApiKeySummary> keys() {
        return apiKeys.list(realm.id());
    }

    @Test
    void readingTakesApiKeyReadAndWritingApiKeyWrite() {
        assertThat(call("GET", "/api-keys", realm.token("APIKeyRead"), null).status())
                .isEqualTo(200);
        assertError(
                call("GET", "/api-keys", realm.token("UserWrite", "StatsRead"), null), 403, "insufficient_scope", null);
        assertError(
                call("POST", "/api-keys", realm.token("APIKeyRead"), "{\"name\":\"nope\",\"type\":\"admin\"}"),
                403,
                "insufficient_scope",
                null);
        assertThat(keys()).hasSize(STARTING_KEYS);
    }

    @Test
    void aNewKeyIsShownOnceAndWorks() {
        ApiClient.Response created = call(
                "POST",
                "/api-keys",
                realm.tokenOf("vault-rotator", "APIKeyWrite"),
                "{\"name\":\"hospital feed\",\"type\":\"admin\"}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode data = created.json().path("data");
        String key = data.path("key").asString();
        assertThat(data.path("type").asString()).isEqualTo("admin");
        assertThat(data.path("enabled").asBoolean()).isTrue();
        assertThat(key).startsWith(data.path("preview").asString());
        assertThat(apiKeys.authenticate(key, ApiKeyType.ADMIN)).isPresent();
        ApiClient.Response shown =
                call("GET", "/api-keys/" + data.path("id").asString(), realm.token("APIKeyRead"), null);
        assertThat(shown.json().path("data").has("key")).isFalse();
        assertThat(shown.body()).doesNotContain(key);
        AuditEntry entry =
                audit.page(realm.id(), AuditQuery.all(0, 1)).entries().getFirst();
        assertThat(entry.action()).isEqualTo("apikey.create");
        assertThat(entry.actor()).isEqualTo("oauth:vault-rotator");
    }

    @Test
    void aReplayedCreationShowsTheSameKeyAndCreatesOneAndAnotherBodyIsRefused() {
        Map<String, String> idempotent = Map.of("Idempotency-Key", "rotate-" + UUID.randomUUID());
        String token = realm.token("APIKeyWrite");
        String body = "{\"name\":\"app v2\",\"type\":\"device\"}";

        ApiClient.Response first = call("POST", "/api-keys", token, body, idempotent);
        ApiClient.Response again = call("POST", "/api-keys", realm.token("APIKeyWrite"), body, idempotent);

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(again.json().path("data").path("key").asString()).isNotEmpty();
        assertThat(keys().stream().filter(key -> key.name().equals("app v2"))).hasSize(1);

        assertError(
                call("POST", "/api-keys", token, "{\"name\":\"app v3\",\"type\":\"device\"}", idempotent),
                422,
                "idempotency_key_reused",
                "Idempotency-Key");
        assertThat(keys()).hasSize(STARTING_KEYS + 1);
    }

    @Test
    void aKeyIsRenamedDisabledAndEnabled() {
        long id = apiKeys.create(realm.id(), ApiKeyType.DEVICE, "old name", Actor.cli())
                .summary()
                .id();
        String token = realm.token("APIKeyWrite");

        ApiClient.Response renamed = call("PATCH", "/api-keys/" + id, token, "{\"name\":\"new name\"}");
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().path("data").path("name").asString()).isEqualTo("new name");
        assertThat(apiKeys.find(realm.id(), id).orElseThrow().name()).isEqualTo("new name");
        assertThat(audit.page(realm.id(), AuditQuery.all(0, 1))
                        .entries()
                        .getFirst()
                        .action())
                .isEqualTo("apikey.update");
        assertError(
                call("PATCH", "/api-keys/" + id, token, "{\"name\":\"device\"}"), 400, "unparsable_request", "name");

        ApiClient.Response disabled = call("POST", "/api-keys/" + id + "/disable", token, null);
        assertThat(disabled.json().path("data").path("enabled").asBoolean()).isFalse();
        assertThat(disabled.json().path("data").path("disabled_at").asString()).isNotEmpty();
        assertThat(apiKeys.find(realm.id(), id).orElseThrow().enabled()).isFalse();

        ApiClient.Response enabled = call("POST", "/api-keys/" + id + "/enable", token, null);
        assertThat(enabled.json().path("data").path("enabled").asBoolean()).isTrue();
        assertThat(apiKeys.find(realm.id(), id).orElseThrow().enabled()).isTrue();
    }

    @Test
    void lastUseIsTheLastUtcDayWithActivity() {
        String adminKey = apiKeys.create(realm.id(), ApiKeyType.ADMIN, "issuer", Actor.cli())
                .key();
        long adminKeyId =
                apiKeys.authenticate(adminKey, ApiKeyType.ADMIN).orElseThrow().keyId();
        assertThat(api.post("/api/issue", adminKey, "{\"testType\":\"confirmed\"}")
                        .status())
                .isEqualTo(200);

        ApiClient.Response listed = call("GET", "/api-keys?sort=name", realm.token("APIKeyRead"), null);

        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        Map<String, String> lastUsed = new HashMap<>();
        listed.json()
                .path("data")
                .forEach(key -> lastUsed.put(
                        key.path("id").asString(), key.path("last_used").asString(null)));
        assertThat(lastUsed)
                .containsEntry(
                        Long.toString(adminKeyId),
                        LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString());
        assertThat(lastUsed.values().stream().filter(day -> day != null)).hasSize(1);
    }

    @Test
    void anotherRealmsTokenAndKeysAreRefused() {
        OAuthRealm other = OAuthRealm.create(realms, apiKeys, clock);
        long foreign = apiKeys.list(other.id()).getFirst().id();
        String token = realm.token("APIKeyWrite");

        assertThat(api.request("GET", other.path("/api-keys"), bearer(token), null)
                        .status())
                .isEqualTo(401);
        assertError(call("GET", "/api-keys/" + foreign, token, null), 404, "not_found", null);
        assertError(call("PATCH", "/api-keys/" + foreign, token, "{\"name\":\"taken over\"}"), 404, "not_found", null);
        assertError(call("POST", "/api-keys/" + foreign + "/disable", token, null), 404, "not_found", null);

        ApiKeySummary untouched = apiKeys.find(other.id(), foreign).orElseThrow();
        assertThat(untouched.enabled()).isTrue();
        assertThat(untouched.name()).isNotEqualTo("taken over");
    }

    @Test
    void oneHundredTwentyKeysArePagedNewestFirst() {
        for (int i = STARTING_KEYS; i < 120; i++) {
            apiKeys.create(realm.id(), ApiKeyType.DEVICE, "key " + i, Actor.cli());
        }
        String token = realm.token("APIKeyRead");
        List<Long> ids = new ArrayList<>();

        for (int page = 1; page <= 3; page++) {
            ApiClient.Response listed = call("GET", "/api-keys?limit=50&page=" + page, token, null);
            assertThat(listed.status()).as(listed.body()).isEqualTo(200);
            assertThat(listed.json().path("pagination").path("total_items").asLong())
                    .isEqualTo(120);
            assertThat(listed.json().path("pagination").path("current_page").asInt())
                    .isEqualTo(page);
            assertThat(listed.json().path("pagination").path("per_page").asInt())
                    .isEqualTo(50);
            assertThat(listed.json().path("data").size()).isEqualTo(page < 3 ? 50 : 20);
            listed.json()
                    .path("data")
                    .forEach(key -> ids.add(Long.parseLong(key.path("id").asString())));
        }
        assertThat(ids).hasSize(120).doesNotHaveDuplicates();
        assertThat(ids).isSortedAccordingTo((a, b) -> Long.compare(b, a));

        ApiClient.Response beyond = call("GET", "/api-keys?limit=50&page=4", token, null);
        assertThat(beyond.status()).isEqualTo(200);
        assertThat(beyond.json().path("data").isArray()).isTrue();
        assertThat(beyond.json().path("data").size()).isZero();
        assertThat(beyond.json().path("pagination").path("current_page").asInt())
                .isEqualTo(4);
        assertThat(beyond.json().path("pagination").path("total_items").asLong())
                .isEqualTo(120);

        assertError(call("GET", "/api-keys?limit=201", token, null), 400, "unparsable_request", "limit");
        assertThat(call("GET", "/api-keys?limit=200", token, null)
                        .json()
                        .path("data")
                        .size())
                .isEqualTo(120);
    }

    @Test
    void badInputIsRefusedInTheEnvelopeAndChangesNothing() {
        long id = keys().getFirst().id();
        String before = keys().getFirst().name();
        String token = realm.token("APIKeyWrite");

        assertError(
                call("POST", "/api-keys", token, "{\"name\":\"x\",\"type\":\"admin\",\"scope\":\"all\"}"),
                400,
                "unparsable_request",
                "scope");
        assertError(
                call("POST", "/api-keys", token, "{\"name\":\"x\",\"type\":\"root\"}"),
                400,
                "unparsable_request",
                "type");
        assertError(call("POST", "/api-keys", token, "{\"name\":\"x\",\"type\":1}"), 400, "unparsable_request", "type");
        assertError(
                call("POST", "/api-keys", token, "{\"name\":\"\",\"type\":\"admin\"}"),
                400,
                "unparsable_request",
                "name");
        assertError(
                call("POST", "/api-keys", token, "{\"name\":\"" + "k".repeat(1024 * 1024) + "\",\"type\":\"admin\"}"),
                413,
                "unparsable_request",
                null);
        assertError(call("PATCH", "/api-keys/" + id, token, "{\"name\":[\"x\"]}"), 400, "unparsable_request", "name");
        assertError(call("PATCH", "/api-keys/" + id, token, "{}"), 400, "unparsable_request", "name");
        assertError(call("PATCH", "/api-keys/not-an-id", token, "{\"name\":\"x\"}"), 404, "not_found", null);
        assertError(call("POST", "/api-keys/99999999999999999999/disable", token, null), 404, "not_found", null);
        assertError(call("GET", "/api-keys?sort=key", token, null), 400, "unparsable_request", "sort");
        assertError(call("GET", "/api-keys?page=0", token, null), 400, "unparsable_request", "page");

        assertThat(keys()).hasSize(STARTING_KEYS);
        assertThat(keys().getFirst().name()).isEqualTo(before);
    }
}
