package org.enverify.events.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.enverify.support.ManagementErrors.assertError;
import static org.enverify.support.OAuthRealm.bearer;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.enverify.apikey.ApiKeys;
import org.enverify.audit.AuditEntries;
import org.enverify.audit.AuditEntry;
import org.enverify.audit.AuditQuery;
import org.enverify.events.WebhookEndpoint;
import org.enverify.events.WebhookEndpoints;
import org.enverify.jobs.Jobs;
import org.enverify.jobs.PeriodicTasks;
import org.enverify.platform.Actor;
import org.enverify.realm.Realms;
import org.enverify.support.ApiClient;
import org.enverify.support.ManagementApiIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.OAuthRealm;
import org.enverify.support.ThirdParties;
import org.enverify.support.Waiting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A realm's webhooks through the management API: subscriptions with their secret shown once, enabling and
 * disabling, deletion, and the delivery log with a redelivery, WireMock playing the realm's receiver.
 */
@ManagementApiIntegrationTest
class WebhooksApiIntegrationTests {

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    WebhookEndpoints endpoints;

    @Autowired
    AuditEntries audit;

    @Autowired
    PeriodicTasks tasks;

    private final WireMockServer receiver = ThirdParties.server();
    private ApiClient api;
    private MutableClock clock;
    private OAuthRealm realm;

    @BeforeEach
    void setUp(ApiClient api, MutableClock clock) {
        this.api = api;
        this.clock = clock;
        this.realm = OAuthRealm.create(realms, apiKeys, clock, Map.of("require_date", "false"));
    }

    @AfterEach
    void stopDeliveries() {
        endpoints.list(realm.id()).forEach(endpoint -> endpoints.delete(realm.id(), endpoint.id(), Actor.cli()));
        receiver.resetAll();
    }

    private ApiClient.Response call(String method, String rest, String token, String body, Map<String, String> more) {
        return realm.call(api, method, rest, token, body, more);
    }

    private ApiClient.Response call(String method, String rest, String token, String body) {
        return call(method, rest, token, body, Map.of());
    }

    private String receiverUrl(String name) {
        return "http://localhost:" + receiver.port() + "/hooks/" + realm.id() + "/" + name;
    }

    private static String subscription(String url, String... events) {
        return "{\"url\":\"" + url + "\",\"events\":["
                + String.join(
                        ",",
                        List.of(events).stream()
                                .map(event -> "\"" + event + "\"")
                                .toList()) + "]}";
    }

    private JsonNode create(String url, String... events) {
        ApiClient.Response created = call("POST", "/webhooks", realm.token("SettingsWrite"), subscription(url, events));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("data");
    }

    private static List<String> ids(ApiClient.Response listing) {
        List<String> ids = new ArrayList<>();
        listing.json().path("data").forEach(item -> ids.add(item.path("id").asString()));
        return ids;
    }

    private List<LoggedRequest> awaitRequests(String path, int count) {
        Waiting.until(
                "the receiver to get " + count + " requests",
                Duration.ofMinutes(2),
                () -> receiver.findAll(postRequestedFor(urlEqualTo(path))).size() >= count);
        return receiver.findAll(postRequestedFor(urlEqualTo(path)));
    }

    @Test
    void readingTakesSettingsReadAndChangingSettingsWrite() {
        String url = receiverUrl("scopes");
        assertError(
                call("POST", "/webhooks", realm.token("SettingsRead"), subscription(url, "code.issued")),
                403,
                "insufficient_scope",
                null);
        String id = create(url, "code.issued").path("id").asString();

        assertError(call("GET", "/webhooks", realm.token("CodeIssue"), null), 403, "insufficient_scope", null);
        assertError(
                call("GET", "/webhooks/" + id + "/deliveries", realm.token("CodeRead"), null),
                403,
                "insufficient_scope",
                null);
        assertError(
                call("PATCH", "/webhooks/" + id, realm.token("SettingsRead"), "{\"enabled\":false}"),
                403,
                "insufficient_scope",
                null);
        assertError(
                call("DELETE", "/webhooks/" + id, realm.token("SettingsRead"), null), 403, "insufficient_scope", null);
        assertThat(call("GET", "/webhooks/" + id, realm.token("SettingsRead"), null)
                        .status())
                .isEqualTo(200);
        assertThat(endpoints.list(realm.id()))
                .singleElement()
                .satisfies(endpoint -> assertThat(endpoint.disabledAt()).isNull());
    }

    @Test
    void aNewEndpointShowsItsSecretOnceAndIsAudited() {
        ApiClient.Response created = call(
                "POST",
                "/webhooks",
                realm.tokenOf("terraform", "SettingsWrite"),
                subscription(receiverUrl("new"), "code.issued", "code.expired"));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode data = created.json().path("data");
        String secret = data.path("secret").asString();
        assertThat(secret).startsWith("whsec_");
        assertThat(data.path("id").isString()).isTrue();
        assertThat(data.path("events").toString()).isEqualTo("[\"code.issued\",\"code.expired\"]");
        assertThat(data.path("enabled").asBoolean()).isTrue();
        ApiClient.Response shown =
                call("GET", "/webhooks/" + data.path("id").asString(), realm.token("SettingsRead"), null);
        assertThat(shown.json().path("data").has("secret")).isFalse();
        assertThat(shown.body()).doesNotContain(secret);
        AuditEntry entry =
                audit.page(realm.id(), AuditQuery.all(0, 1)).entries().getFirst();
        assertThat(entry.action()).isEqualTo("webhook.create");
        assertThat(entry.actor()).isEqualTo("oauth:terraform");

        ApiClient.Response rotated = call(
                "POST",
                "/webhooks/" + data.path("id").asString() + "/rotate-secret",
                realm.token("SettingsWrite"),
                null);
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        assertThat(rotated.json().path("data").path("secret").asString())
                .startsWith("whsec_")
                .isNotEqualTo(secret);
        assertThat(rotated.json().path("data").path("rotating").asBoolean()).isTrue();
    }

    @Test
    void aReplayedCreationShowsTheSameSecretAndCreatesOne() {
        Map<String, String> idempotent = Map.of("Idempotency-Key", "hook-" + UUID.randomUUID());
        String body = subscription(receiverUrl("replayed"), "code.claimed");

        ApiClient.Response first = call("POST", "/webhooks", realm.token("SettingsWrite"), body, idempotent);
        ApiClient.Response again = call("POST", "/webhooks", realm.token("SettingsWrite"), body, idempotent);

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(endpoints.list(realm.id())).hasSize(1);
    }

    @Test
    void anEndpointIsDisabledEnabledAndDeleted() {
        String id = create(receiverUrl("lifecycle"), "code.issued").path("id").asString();
        String token = realm.token("SettingsWrite");

        ApiClient.Response disabled = call("PATCH", "/webhooks/" + id, token, "{\"enabled\":false}");
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        assertThat(disabled.json().path("data").path("enabled").asBoolean()).isFalse();
        assertThat(disabled.json().path("data").path("disabled_at").asString()).isNotEmpty();
        assertThat(endpoints.find(realm.id(), Long.parseLong(id)).orElseThrow().disabledAt())
                .isNotNull();

        ApiClient.Response enabled = call("PATCH", "/webhooks/" + id, token, "{\"enabled\":true}");
        assertThat(enabled.json().path("data").path("enabled").asBoolean()).isTrue();
        assertThat(enabled.json().path("data").has("disabled_at")).isFalse();
        assertThat(audit.page(realm.id(), AuditQuery.all(0, 2)).entries())
                .extracting(AuditEntry::action)
                .containsExactly("webhook.enable", "webhook.disable");

        assertThat(call("DELETE", "/webhooks/" + id, token, null).status()).isEqualTo(204);
        assertError(call("GET", "/webhooks/" + id, token, null), 404, "not_found", null);
        assertThat(endpoints.list(realm.id())).isEmpty();
    }

    @Test
    void deliveriesAreListedAndAnEventIsRedelivered() throws Exception {
        String path = "/hooks/" + realm.id() + "/deliveries";
        receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(204)));
        String id = create(receiverUrl("deliveries"), "code.issued").path("id").asString();
        ApiClient.Response issued = call("POST", "/codes", realm.token("CodeIssue"), "{\"testType\":\"confirmed\"}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        Jobs.runNow(tasks, "events");
        String event = awaitRequests(path, 1).getFirst().getHeader("webhook-id");
        String token = realm.token("SettingsWrite");

        JsonNode delivery = Waiting.until(
                "the delivery to be logged",
                Duration.ofMinutes(2),
                () -> call("GET", "/webhooks/" + id + "/deliveries", token, null)
                        .json(),
                listing -> listing.path("data").size() == 1);
        JsonNode logged = delivery.path("data").get(0);
        assertThat(logged.path("event_id").asString()).isEqualTo(event);
        assertThat(logged.path("event_type").asString()).isEqualTo("code.issued");
        assertThat(logged.path("status").asString()).isEqualTo("delivered");
        assertThat(logged.path("attempts").asInt()).isEqualTo(1);
        assertThat(logged.path("last_response_status").asInt()).isEqualTo(204);
        assertThat(logged.has("last_error")).isFalse();
        assertThat(delivery.path("pagination").path("total_items").asLong()).isEqualTo(1);

        ApiClient.Response redelivered = call(
                "POST",
                "/webhooks/" + id + "/deliveries/" + event + "/redeliver",
                realm.tokenOf("ops", "SettingsWrite"),
                null);

        assertThat(redelivered.status()).as(redelivered.body()).isEqualTo(202);
        List<LoggedRequest> requests = awaitRequests(path, 2);
        assertThat(requests)
                .extracting(request -> request.getHeader("webhook-id"))
                .containsOnly(event);
        Waiting.until(
                "the redelivery to be logged",
                Duration.ofMinutes(2),
                () -> call("GET", "/webhooks/" + id + "/deliveries", token, null)
                        .json(),
                listing -> listing.path("data").get(0).path("attempts").asInt() == 2);
        AuditEntry entry =
                audit.page(realm.id(), AuditQuery.all(0, 1)).entries().getFirst();
        assertThat(entry.action()).isEqualTo("webhook.redeliver");
        assertThat(entry.actor()).isEqualTo("oauth:ops");

        assertError(
                call("POST", "/webhooks/" + id + "/deliveries/" + UUID.randomUUID() + "/redeliver", token, null),
                404,
                "not_found",
                null);
        call("PATCH", "/webhooks/" + id, token, "{\"enabled\":false}");
        assertError(
                call("POST", "/webhooks/" + id + "/deliveries/" + event + "/redeliver", token, null),
                400,
                "unparsable_request",
                null);
    }

    @Test
    void endpointsArePagedNewestFirstOrByUrl() {
        List<String> ids = new ArrayList<>();
        for (String name : List.of("b", "c", "a")) {
            ids.add(create(receiverUrl(name), "code.issued").path("id").asString());
        }
        String token = realm.token("SettingsRead");

        ApiClient.Response first = call("GET", "/webhooks?limit=2", token, null);
        ApiClient.Response second = call("GET", "/webhooks?limit=2&page=2", token, null);
        ApiClient.Response byUrl = call("GET", "/webhooks?sort=url", token, null);

        assertThat(first.json().path("pagination").path("total_items").asLong()).isEqualTo(3);
        assertThat(ids(first)).containsExactly(ids.get(2), ids.get(1));
        assertThat(ids(second)).containsExactly(ids.get(0));
        assertThat(ids(byUrl)).containsExactly(ids.get(2), ids.get(0), ids.get(1));
    }

    @Test
    void anotherRealmsTokenAndEndpointsAreRefused() {
        OAuthRealm other = OAuthRealm.create(realms, apiKeys, clock);
        long foreign = endpoints
                .create(other.id(), receiverUrl("foreign"), List.of("code.issued"), Actor.cli())
                .id();
        String token = realm.token("SettingsWrite");

        assertThat(api.request("GET", other.path("/webhooks"), bearer(token), null)
                        .status())
                .isEqualTo(401);
        assertError(call("GET", "/webhooks/" + foreign, token, null), 404, "not_found", null);
        assertError(call("PATCH", "/webhooks/" + foreign, token, "{\"enabled\":false}"), 404, "not_found", null);
        assertError(call("DELETE", "/webhooks/" + foreign, token, null), 404, "not_found", null);
        assertError(call("GET", "/webhooks/" + foreign + "/deliveries", token, null), 404, "not_found", null);
        assertError(call("POST", "/webhooks/" + foreign + "/rotate-secret", token, null), 404, "not_found", null);

        WebhookEndpoint untouched = endpoints.find(other.id(), foreign).orElseThrow();
        assertThat(untouched.disabledAt()).isNull();
        assertThat(untouched.rotating()).isFalse();
        endpoints.delete(other.id(), foreign, Actor.cli());
    }

    @Test
    void badInputIsRefusedInTheEnvelopeAndChangesNothing() {
        String token = realm.token("SettingsWrite");
        String url = receiverUrl("refused");

        assertError(
                call("POST", "/webhooks", token, subscription("ftp://example.org/", "code.issued")),
                400,
                "unparsable_request",
                "url");
        assertError(
                call("POST", "/webhooks", token, subscription(url, "code.stolen")),
                400,
                "unparsable_request",
                "events");
        assertError(call("POST", "/webhooks", token, subscription(url)), 400, "unparsable_request", "events");
        assertError(
                call("POST", "/webhooks", token, "{\"url\":\"" + url + "\",\"events\":\"code.issued\"}"),
                400,
                "unparsable_request",
                "events");
        assertError(
                call("POST", "/webhooks", token, "{\"events\":[\"code.issued\"]}"), 400, "unparsable_request", "url");
        assertError(
                call(
                        "POST",
                        "/webhooks",
                        token,
                        "{\"url\":\"" + url + "\",\"events\":[\"code.issued\"],\"secret\":\"mine\"}"),
                400,
                "unparsable_request",
                "secret");
        assertError(
                call(
                        "POST",
                        "/webhooks",
                        token,
                        "{\"url\":\"" + url + "\",\"events\":[\"" + "e".repeat(1024 * 1024) + "\"]}"),
                413,
                "unparsable_request",
                null);
        assertThat(endpoints.list(realm.id())).isEmpty();

        String id = create(url, "code.issued").path("id").asString();
        assertError(
                call("PATCH", "/webhooks/" + id, token, "{\"enabled\":\"no\"}"), 400, "unparsable_request", "enabled");
        assertError(call("PATCH", "/webhooks/" + id, token, "{}"), 400, "unparsable_request", "enabled");
        assertError(
                call("PATCH", "/webhooks/" + id, token, "{\"url\":\"" + url + "/other\"}"),
                400,
                "unparsable_request",
                "url");
        assertError(call("GET", "/webhooks/not-an-id", token, null), 404, "not_found", null);
        assertError(
                call("POST", "/webhooks/" + id + "/deliveries/not-an-event/redeliver", token, null),
                404,
                "not_found",
                null);
        assertError(call("GET", "/webhooks?sort=secret", token, null), 400, "unparsable_request", "sort");
        assertError(
                call("GET", "/webhooks/" + id + "/deliveries?limit=0", token, null),
                400,
                "unparsable_request",
                "limit");

        assertThat(endpoints.list(realm.id())).singleElement().satisfies(endpoint -> {
            assertThat(endpoint.disabledAt()).isNull();
            assertThat(endpoint.url()).isEqualTo(url);
        });
    }
}
