package org.enverify.events;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.enverify.account.Memberships;
import org.enverify.account.User;
import org.enverify.account.Users;
import org.enverify.apikey.ApiKeys;
import org.enverify.jobs.Jobs;
import org.enverify.jobs.PeriodicTasks;
import org.enverify.platform.Actor;
import org.enverify.realm.Permission;
import org.enverify.realm.Realms;
import org.enverify.support.ApiClient;
import org.enverify.support.MessagingIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.enverify.support.ThirdParties;
import org.enverify.support.Waiting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Event webhooks end to end: a code is issued over HTTP, the relay fans the event out, and WireMock,
 * as the realm's receiver, checks what a Standard Webhooks receiver checks.
 */
@MessagingIntegrationTest
class WebhookIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    WebhookEndpoints endpoints;

    @Autowired
    PeriodicTasks tasks;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    Users users;

    @Autowired
    Memberships memberships;

    ApiClient api;
    final WireMockServer receiver = ThirdParties.server();
    final List<Long> endpointsToDisable = new ArrayList<>();
    TestRealm realm;

    @BeforeEach
    void setUp(ApiClient api) {
        this.api = api;
        realm = TestRealm.create(realms, apiKeys);
    }

    @AfterEach
    void reset() {
        endpointsToDisable.forEach(id -> {
            try {
                endpoints.disable(realm.id(), id, Actor.cli());
            } catch (IllegalArgumentException e) {
                // already disabled by the test
            }
        });
        receiver.resetAll();
    }

    @Test
    void aDeliveryIsSignedTimestampedAndCarriesNoCode() throws Exception {
        String path = "/hooks/" + realm.id() + "/signed";
        receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(204)));
        WebhookEndpoints.Created endpoint = create(path, List.of("code.issued"));
        assertThat(endpoint.secret()).startsWith("whsec_");

        JsonNode issued = api.post("/api/issue", realm.adminKey(), Map.of("testType", "confirmed"))
                .json();
        relay();

        LoggedRequest request = awaitRequests(path, 1).getFirst();
        String id = request.getHeader("webhook-id");
        long timestamp = Long.parseLong(request.getHeader("webhook-timestamp"));
        byte[] body = request.getBody();
        assertThat(Math.abs(timestamp - clock.instant().getEpochSecond()))
                .as("a receiver refuses timestamps more than five minutes off")
                .isLessThan(300);
        assertThat(request.getHeader("webhook-signature"))
                .isEqualTo("v1," + hmac(endpoint.secret(), id + "." + timestamp + ".", body));
        JsonNode payload = JSON.readTree(body);
        assertThat(payload.path("id").asString()).isEqualTo(id);
        assertThat(payload.path("type").asString()).isEqualTo("code.issued");
        assertThat(payload.path("realmId").asLong()).isEqualTo(realm.id().value());
        assertThat(payload.path("timestamp").asString()).endsWith("Z");
        assertThat(payload.path("data").path("uuid").asString())
                .isEqualTo(issued.path("uuid").asString());
        assertThat(new String(body, StandardCharsets.UTF_8))
                .doesNotContain(issued.path("code").asString());
        // the worker records the delivery once the receiver has answered, a moment after the request arrived
        await(() -> !endpoints.deliveries(realm.id(), endpoint.id(), 10).isEmpty());
        assertThat(endpoints.deliveries(realm.id(), endpoint.id(), 10))
                .singleElement()
                .satisfies(delivery -> assertThat(delivery.succeeded()).isTrue());
    }

    @Test
    void aReceiverThatFailsTwiceGetsTheEventOnceByItsDedupeId() {
        String path = "/hooks/" + realm.id() + "/flaky";
        receiver.stubFor(post(urlEqualTo(path))
                .inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500))
                .willSetStateTo("failed once"));
        receiver.stubFor(post(urlEqualTo(path))
                .inScenario("flaky")
                .whenScenarioStateIs("failed once")
                .willReturn(aResponse().withStatus(502))
                .willSetStateTo("recovered"));
        receiver.stubFor(post(urlEqualTo(path))
                .inScenario("flaky")
                .whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(200)));
        WebhookEndpoints.Created endpoint = create(path, List.of("code.issued"));

        api.post("/api/issue", realm.adminKey(), Map.of("testType", "confirmed"));
        relay();

        List<LoggedRequest> requests = awaitRequests(path, 3);
        Set<String> processed = new HashSet<>();
        for (int i = 0; i < requests.size(); i++) {
            // the receiver processes what it answered 2xx to, once per webhook-id
            if (i == 2) {
                processed.add(requests.get(i).getHeader("webhook-id"));
            }
        }
        assertThat(requests)
                .extracting(r -> r.getHeader("webhook-id"))
                .containsOnly(processed.iterator().next());
        assertThat(processed).hasSize(1);
        await(() -> endpoints.deliveries(realm.id(), endpoint.id(), 10).size() == 3);
        assertThat(endpoints.deliveries(realm.id(), endpoint.id(), 10))
                .extracting(WebhookDelivery::succeeded)
                .containsExactly(true, false, false);
        assertThat(endpoints.list(realm.id()).getFirst().failingSince()).isNull();
    }

    @Test
    void anEventCommittedBeforeACrashIsStillDelivered() {
        String path = "/hooks/" + realm.id() + "/after-crash";
        receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        create(path, List.of("code.issued", "code.expired"));

        String uuid = issuedUuid(realm);
        api.post("/api/expirecode", realm.adminKey(), Map.of("uuid", uuid));
        // the process that committed these is gone: only the outbox rows remain, for any worker to relay
        assertThat(jdbc.sql("SELECT type FROM events WHERE realm_id = ? AND relayed_at IS NULL ORDER BY occurred_at")
                        .param(realm.id().value())
                        .query(String.class)
                        .list())
                .containsExactly("code.issued", "code.expired");
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo(path)))).isEmpty();

        relay();

        assertThat(awaitRequests(path, 2))
                .extracting(r -> JSON.readTree(r.getBody()).path("type").asString())
                .containsExactlyInAnyOrder("code.issued", "code.expired");
    }

    @Test
    void aDeliveryQueuedByAnEarlierVersionStillRuns() {
        String path = "/hooks/" + realm.id() + "/queued-earlier";
        receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        WebhookEndpoints.Created endpoint = create(path, List.of("code.issued"));
        api.post("/api/issue", realm.adminKey(), Map.of("testType", "confirmed"));
        String event = jdbc.sql("SELECT id FROM events WHERE realm_id = ? AND type = 'code.issued'")
                .param(realm.id().value())
                .query(String.class)
                .single();
        // the payload as versions before the typed realm id wrote it, the realm as a bare number
        String payload =
                "{\"realm\":" + realm.id().value() + ",\"endpoint\":" + endpoint.id() + ",\"event\":\"" + event + "\"}";
        jdbc.sql("INSERT INTO scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, version)"
                        + " VALUES ('webhook-delivery', ?, ?, ?, false, 1)")
                .params(
                        endpoint.id() + ":" + event,
                        payload.getBytes(StandardCharsets.UTF_8),
                        Timestamp.from(clock.instant()))
                .update();

        assertThat(awaitRequests(path, 1).getFirst().getHeader("webhook-id")).isEqualTo(event);
    }

    @Test
    void duringARotationBothSecretsSignAndOnlySubscribedEventsArrive() throws Exception {
        String path = "/hooks/" + realm.id() + "/rotating";
        receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        WebhookEndpoints.Created endpoint = create(path, List.of("code.expired"));
        String newSecret = endpoints.rotateSecret(realm.id(), endpoint.id(), Duration.ofHours(1), Actor.cli());
        TestRealm other = TestRealm.create(realms, apiKeys);

        String uuid = issuedUuid(realm);
        String otherUuid = issuedUuid(other);
        api.post("/api/expirecode", other.adminKey(), Map.of("uuid", otherUuid));
        api.post("/api/expirecode", realm.adminKey(), Map.of("uuid", uuid));
        relay();

        LoggedRequest request = awaitRequests(path, 1).getFirst();
        assertThat(JSON.readTree(request.getBody()).path("data").path("uuid").asString())
                .isEqualTo(uuid);
        String signed = request.getHeader("webhook-id") + "." + request.getHeader("webhook-timestamp") + ".";
        assertThat(request.getHeader("webhook-signature"))
                .isEqualTo("v1," + hmac(newSecret, signed, request.getBody()) + " v1,"
                        + hmac(endpoint.secret(), signed, request.getBody()));
        assertThat(endpoints.list(realm.id()).getFirst().rotating()).isTrue();
    }

    @Test
    void oneRelayTakesEveryRealmsEventsToTheirOwnSubscribersOnly() {
        TestRealm other = TestRealm.create(realms, apiKeys);
        String issuedPath = "/hooks/" + realm.id() + "/issued";
        String expiredPath = "/hooks/" + other.id() + "/expired";
        String offPath = "/hooks/" + realm.id() + "/off";
        for (String path : List.of(issuedPath, expiredPath, offPath)) {
            receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        }
        create(issuedPath, List.of("code.issued"));
        long off = create(offPath, List.of()).id();
        endpoints.disable(realm.id(), off, Actor.cli());
        long otherEndpoint = endpoints
                .create(
                        other.id(),
                        "http://localhost:" + receiver.port() + expiredPath,
                        List.of("code.expired"),
                        Actor.cli())
                .id();

        String issuedHere = issuedUuid(realm);
        api.post("/api/expirecode", realm.adminKey(), Map.of("uuid", issuedHere));
        String issuedThere = issuedUuid(other);
        api.post("/api/expirecode", other.adminKey(), Map.of("uuid", issuedThere));
        relay();

        assertThat(awaitRequests(issuedPath, 1))
                .singleElement()
                .satisfies(request -> assertThat(JSON.readTree(request.getBody())
                                .path("data")
                                .path("uuid")
                                .asString())
                        .isEqualTo(issuedHere));
        assertThat(awaitRequests(expiredPath, 1)).singleElement().satisfies(request -> {
            JsonNode payload = JSON.readTree(request.getBody());
            assertThat(payload.path("type").asString()).isEqualTo("code.expired");
            assertThat(payload.path("data").path("uuid").asString()).isEqualTo(issuedThere);
        });
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo(offPath)))).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM events WHERE realm_id IN (?, ?) AND relayed_at IS NULL")
                        .params(realm.id().value(), other.id().value())
                        .query(Long.class)
                        .single())
                .as("every event of the batch marked relayed")
                .isZero();
        endpoints.disable(other.id(), otherEndpoint, Actor.cli());
    }

    @Test
    void slowHugeAndRedirectingAnswersAreFailuresInTheLog() {
        receiver.stubFor(post(urlEqualTo("/hooks/" + realm.id() + "/slow"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(3000)));
        receiver.stubFor(post(urlEqualTo("/hooks/" + realm.id() + "/huge"))
                .willReturn(aResponse().withStatus(200).withBody("x".repeat(200_000))));
        receiver.stubFor(post(urlEqualTo("/hooks/" + realm.id() + "/redirect"))
                .willReturn(aResponse().withStatus(302).withHeader("Location", "http://169.254.169.254/")));
        long slow = create("/hooks/" + realm.id() + "/slow", List.of()).id();
        long huge = create("/hooks/" + realm.id() + "/huge", List.of()).id();
        long redirect = create("/hooks/" + realm.id() + "/redirect", List.of()).id();

        api.post("/api/issue", realm.adminKey(), Map.of("testType", "confirmed"));
        relay();

        await(() -> !endpoints.deliveries(realm.id(), slow, 1).isEmpty()
                && !endpoints.deliveries(realm.id(), huge, 1).isEmpty()
                && !endpoints.deliveries(realm.id(), redirect, 1).isEmpty());
        assertThat(lastError(slow)).contains("no complete answer within 2000 ms");
        assertThat(lastError(huge)).contains("larger than 65536 bytes");
        assertThat(lastError(redirect)).contains("answered 302");
    }

    @Test
    void anEndpointFailingForADayIsDisabledAndCanBeRedeliveredLater() {
        String path = "/hooks/" + realm.id() + "/down";
        receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(503)));
        WebhookEndpoints.Created endpoint = create(path, List.of("code.issued"));
        User admin = TestUsers.member(users, memberships, realm.id(), Permission.REALM_ADMIN);
        User caseWorker = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);

        api.post("/api/issue", realm.adminKey(), Map.of("testType", "confirmed"));
        relay();
        await(() -> !endpoints.deliveries(realm.id(), endpoint.id(), 1).isEmpty());
        clock.advance(Duration.ofHours(25));

        await(() -> endpoints.list(realm.id()).getFirst().disabledAt() != null);
        assertThat(endpoints.list(realm.id()).getFirst().disabledReason()).contains("answered 503");
        // the mail is queued right after the endpoint's disabling commits, not with it
        await(() -> mailsAbout("switched off", admin.email()) >= 1);
        assertThat(mailsAbout("switched off", admin.email())).isEqualTo(1);
        assertThat(mailsAbout("switched off", caseWorker.email())).isZero();

        // jobs are scheduled by the clock: back to the present so the redelivery runs now
        clock.reset();
        receiver.resetAll();
        receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        endpoints.enable(realm.id(), endpoint.id(), Actor.cli());
        UUID event =
                endpoints.deliveries(realm.id(), endpoint.id(), 1).getFirst().eventId();
        endpoints.redeliver(realm.id(), endpoint.id(), event, Actor.cli());
        assertThat(awaitRequests(path, 1).getFirst().getHeader("webhook-id")).isEqualTo(event.toString());
    }

    @Test
    void badEndpointsAreRefused() {
        assertThatThrownBy(() -> endpoints.create(realm.id(), "ftp://example.org/", List.of(), Actor.cli()))
                .hasMessageContaining("https");
        assertThatThrownBy(
                        () -> endpoints.create(realm.id(), "https://example.org/", List.of("code.stolen"), Actor.cli()))
                .hasMessageContaining("Unknown event types: code.stolen");
        assertThat(endpoints.list(realm.id())).isEmpty();
    }

    private WebhookEndpoints.Created create(String path, List<String> types) {
        WebhookEndpoints.Created created =
                endpoints.create(realm.id(), "http://localhost:" + receiver.port() + path, types, Actor.cli());
        endpointsToDisable.add(created.id());
        return created;
    }

    /** Issues a confirmed code in the realm and returns its uuid. */
    private String issuedUuid(TestRealm issuing) {
        return api.post("/api/issue", issuing.adminKey(), Map.of("testType", "confirmed"))
                .json()
                .path("uuid")
                .asString();
    }

    private String lastError(long endpoint) {
        return endpoints.deliveries(realm.id(), endpoint, 1).getFirst().error();
    }

    private void relay() {
        try {
            Jobs.runNow(tasks, "events");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<LoggedRequest> awaitRequests(String path, int count) {
        await(() -> receiver.findAll(postRequestedFor(urlEqualTo(path))).size() >= count);
        return receiver.findAll(postRequestedFor(urlEqualTo(path)));
    }

    /** Polls for work the worker does on its own; the bound only keeps a broken build from hanging. */
    private static void await(BooleanSupplier condition) {
        Waiting.until("the worker to finish", Duration.ofMinutes(2), condition);
    }

    private static String hmac(String secret, String prefix, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        mac.update(prefix.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(mac.doFinal(body));
    }

    private long mailsAbout(String subject, String recipient) {
        return jdbc.sql("SELECT count(*) FROM mail_outbox WHERE recipient = ? AND subject LIKE ?")
                .params(recipient, "%" + subject + "%")
                .query(Long.class)
                .single();
    }
}
