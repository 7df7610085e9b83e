package org.enverify.management.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enverify.support.ManagementErrors.assertError;
import static org.enverify.support.OAuthRealm.bearer;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.enverify.apikey.ApiKeys;
import org.enverify.realm.Realms;
import org.enverify.support.ApiClient;
import org.enverify.support.ManagementApiIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.OAuthRealm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The envelope, paging, idempotent creation, optimistic concurrency and refused input of the management API. */
@ManagementApiIntegrationTest
class ManagementEnvelopeIntegrationTests {

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    private ApiClient api;
    private MutableClock clock;
    private OAuthRealm realm;

    @BeforeEach
    void setUp(ApiClient api, MutableClock clock) {
        this.api = api;
        this.clock = clock;
        this.realm = OAuthRealm.create(realms, apiKeys, clock);
    }

    private Map<String, String> operatorJson(Map<String, String> more) {
        Map<String, String> headers = new HashMap<>(bearer(OAuthRealm.operatorToken(clock)));
        headers.put("Content-Type", "application/json");
        headers.putAll(more);
        return headers;
    }

    private ApiClient.Response patchSettings(String body, Map<String, String> more) {
        Map<String, String> headers = new HashMap<>(bearer(realm.token("SettingsWrite")));
        headers.put("Content-Type", "application/json");
        headers.putAll(more);
        return api.request("PATCH", realm.path("/settings"), headers, body);
    }

    private String codeLength() {
        return realms.find(realm.id())
                .map(found -> realms.settingsVersion(found))
                .orElseThrow();
    }

    @Test
    void theSameIdempotencyKeyReplaysTheFirstAnswerAndAnotherBodyIsRefused() {
        String name = "idem-" + UUID.randomUUID();
        Map<String, String> headers = operatorJson(Map.of("Idempotency-Key", "key-" + UUID.randomUUID()));
        String body = "{\"name\":\"" + name + "\"}";

        ApiClient.Response first = api.request("POST", "/api/v1/realms", headers, body);
        ApiClient.Response again = api.request("POST", "/api/v1/realms", headers, body);

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().path("data").path("id").isString()).isTrue();
        assertThat(first.json().path("data").path("created_at").asString())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(realms.list().stream().filter(found -> found.name().equals(name)))
                .hasSize(1);

        ApiClient.Response other = api.request("POST", "/api/v1/realms", headers, "{\"name\":\"other-" + name + "\"}");
        assertError(other, 422, "idempotency_key_reused", "Idempotency-Key");
        assertThat(realms.list().stream().filter(found -> found.name().equals("other-" + name)))
                .isEmpty();
    }

    @Test
    void aStaleIfMatchIsRefusedAndChangesNothing() {
        ApiClient.Response read =
                api.request("GET", realm.path("/settings"), bearer(realm.token("SettingsRead")), null);
        String etag = read.header("ETag");
        assertThat(patchSettings("{\"code_length\":\"7\"}", Map.of("If-Match", etag))
                        .status())
                .isEqualTo(200);
        String after = codeLength();

        ApiClient.Response stale = patchSettings("{\"code_length\":\"6\"}", Map.of("If-Match", etag));

        assertError(stale, 412, "precondition_failed", null);
        assertThat(codeLength()).isEqualTo(after);
    }

    @Test
    void badInputIsRefusedInTheEnvelopeAndChangesNothing() {
        String before = codeLength();

        assertError(patchSettings("{\"code_lenght\":\"6\"}", Map.of()), 400, "unparsable_request", "code_lenght");
        assertError(patchSettings("{\"code_length\":6}", Map.of()), 400, "unparsable_request", "code_length");
        assertError(patchSettings("{\"code_length\":\"600\"}", Map.of()), 400, "unparsable_request", "code_length");
        assertError(
                patchSettings("{\"oauth_enabled\":\"false\"}", Map.of()), 400, "unparsable_request", "oauth_enabled");
        assertError(patchSettings("[]", Map.of()), 400, "unparsable_request", null);
        assertError(
                patchSettings("{\"code_length\":\"" + "6".repeat(1024 * 1024) + "\"}", Map.of()),
                413,
                "unparsable_request",
                null);
        assertThat(codeLength()).isEqualTo(before);

        ApiClient.Response unknownRealmField = api.request(
                "POST",
                "/api/v1/realms",
                operatorJson(Map.of()),
                "{\"name\":\"x-" + UUID.randomUUID() + "\",\"nmae\":1}");
        assertError(unknownRealmField, 400, "unparsable_request", "nmae");
    }

    @Test
    void listParametersAreChecked() {
        Map<String, String> operator = bearer(OAuthRealm.operatorToken(clock));
        assertError(api.request("GET", "/api/v1/realms?page=0", operator, null), 400, "unparsable_request", "page");
        assertError(api.request("GET", "/api/v1/realms?limit=201", operator, null), 400, "unparsable_request", "limit");
        assertError(api.request("GET", "/api/v1/realms?limit=x", operator, null), 400, "unparsable_request", "limit");
        assertError(
                api.request("GET", "/api/v1/realms?sort=secret", operator, null), 400, "unparsable_request", "sort");

        ApiClient.Response page = api.request("GET", "/api/v1/realms?limit=2&sort=-created_at", operator, null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().path("data").size()).isEqualTo(2);
        assertThat(page.json().path("pagination").path("per_page").asInt()).isEqualTo(2);
        assertThat(page.json().path("pagination").path("current_page").asInt()).isEqualTo(1);
        assertThat(page.json().path("pagination").path("total_items").asLong())
                .isEqualTo(realms.list().size());
    }

    @Test
    void idsThatAreNotIdsAndUnknownRoutesAreNotFound() {
        Map<String, String> operator = bearer(OAuthRealm.operatorToken(clock));
        assertError(api.request("POST", "/api/v1/realms/abc/disable", operator, null), 404, "not_found", null);
        assertError(api.request("POST", "/api/v1/realms/999999999/disable", operator, null), 404, "not_found", null);
        assertError(api.request("GET", realm.path("/nothing-here"), operator, null), 404, "not_found", null);
    }

    @Test
    void aRealmsTokenCannotUseTheSystemResources() {
        ApiClient.Response response =
                api.request("POST", realm.path("/disable"), bearer(realm.token("SettingsWrite", "UserWrite")), null);

        assertError(response, 403, "insufficient_scope", null);
        assertThat(realms.find(realm.id()).orElseThrow().disabled()).isFalse();
    }

    @Test
    void bulkIssuesKeepTheirApiKeys(org.enverify.support.TestRealm keys) {
        ApiClient.Response template = api.get("/api/v1/bulk-issues/template.csv", keys.adminKey());

        assertThat(template.status()).isEqualTo(200);
        assertThat(api.get("/api/v1/bulk-issues/template.csv").errorCode()).isEqualTo("unauthorized");
    }
}
