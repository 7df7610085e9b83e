package org.enverify.events.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.enverify.account.Memberships;
import org.enverify.account.Users;
import org.enverify.apikey.ApiKeys;
import org.enverify.events.WebhookEndpoint;
import org.enverify.events.WebhookEndpoints;
import org.enverify.platform.Actor;
import org.enverify.realm.Permission;
import org.enverify.realm.RealmId;
import org.enverify.realm.Realms;
import org.enverify.support.MessagingIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.enverify.support.ThirdParties;
import org.enverify.support.UiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A realm admin's webhook pages: subscribe, secrets shown once, disable, delete, delivery log, redelivery. */
@MessagingIntegrationTest
class WebhookPagesIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    Users users;

    @Autowired
    Memberships memberships;

    @Autowired
    WebhookEndpoints endpoints;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    TestRealm realm;
    UiClient admin;
    String url;

    @BeforeEach
    void setUp() {
        realm = TestRealm.create(realms, apiKeys);
        admin = signedIn(realm.id(), Permission.REALM_ADMIN);
        url = "http://localhost:" + ThirdParties.server().port() + "/hooks/" + realm.id();
    }

    @Test
    void anEndpointIsSubscribedWithItsSecretShownOnceAndRefusedInputStoresNothing() {
        admin.get("/realm/webhooks");
        UiClient.Page notHttps =
                admin.post("/realm/webhooks", Map.of("url", "ftp://example.org/", "events", "code.issued"));
        assertThat(notHttps.status()).isEqualTo(422);
        assertThat(notHttps.body()).contains("url-error");
        UiClient.Page noEvents = admin.post("/realm/webhooks", Map.of("url", url));
        assertThat(noEvents.status()).isEqualTo(422);
        assertThat(noEvents.body()).contains("events-error");
        assertThat(endpoints.list(realm.id())).isEmpty();

        UiClient.Page created = admin.post("/realm/webhooks", Map.of("url", url, "events", "code.claimed"));
        assertThat(created.status()).isEqualTo(200);
        String secret = created.find("(whsec_[A-Za-z0-9+/=]+)");
        assertThat(endpoints.list(realm.id()))
                .singleElement()
                .satisfies(endpoint -> assertThat(endpoint.eventTypes()).containsExactly("code.claimed"));
        assertThat(admin.get("/realm/webhooks").body()).contains(url).doesNotContain("whsec_");

        long id = endpoints.list(realm.id()).getFirst().id();
        UiClient.Page rotated = admin.postConfirmed("/realm/webhooks/" + id + "/rotate", Map.of());
        assertThat(rotated.find("(whsec_[A-Za-z0-9+/=]+)")).isNotEqualTo(secret);
        assertThat(endpoints.list(realm.id()).getFirst().rotating()).isTrue();
        assertThat(audits("webhook.create") + audits("webhook.rotate_secret")).isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entries WHERE realm_id = ? AND diff::text LIKE '%whsec_%'")
                        .param(realm.id().value())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void endpointsAreDisabledEnabledAndDeletedInTheirRealmOnly() {
        long id = endpoints.create(realm.id(), url, List.of(), Actor.cli()).id();
        UiClient stranger = signedIn(TestRealm.create(realms, apiKeys).id(), Permission.REALM_ADMIN);
        stranger.get("/realm/webhooks");
        assertThat(stranger.get("/realm/webhooks/" + id).status()).isEqualTo(404);
        assertThat(stranger.postConfirmed("/realm/webhooks/" + id + "/delete", Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(stranger.postConfirmed("/realm/webhooks/" + id + "/disable", Map.of())
                        .status())
                .isEqualTo(404);

        admin.get("/realm/webhooks");
        assertThat(admin.postConfirmed("/realm/webhooks/" + id + "/disable", Map.of())
                        .location())
                .contains("saved");
        assertThat(endpoint(id).disabledAt()).isNotNull();
        admin.get("/realm/webhooks");
        admin.post("/realm/webhooks/" + id + "/enable", Map.of());
        assertThat(endpoint(id).disabledAt()).isNull();

        UiClient reader = signedIn(realm.id(), Set.of(Permission.SETTINGS_READ));
        assertThat(reader.get("/realm/webhooks").status()).isEqualTo(200);
        assertThat(reader.get("/realm/webhooks/" + id).status()).isEqualTo(200);
        assertThat(reader.postConfirmed("/realm/webhooks/" + id + "/delete", Map.of())
                        .status())
                .isEqualTo(403);

        admin.get("/realm/webhooks");
        assertThat(admin.postConfirmed("/realm/webhooks/" + id + "/delete", Map.of())
                        .location())
                .contains("deleted");
        assertThat(endpoints.list(realm.id())).isEmpty();
        assertThat(audits("webhook.disable") + audits("webhook.enable") + audits("webhook.delete"))
                .isEqualTo(3);
    }

    @Test
    void theDeliveryLogOffersRedelivery() {
        long id = endpoints.create(realm.id(), url, List.of(), Actor.cli()).id();
        UUID event = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql(
                        "INSERT INTO events (realm_id, id, type, occurred_at, data, relayed_at) VALUES (?, ?, 'code.issued', ?, '{}', ?)")
                .params(realm.id().value(), event, now, now)
                .update();
        jdbc.sql("""
                INSERT INTO webhook_deliveries (realm_id, endpoint_id, event_id, succeeded, response_status, error, attempted_at)
                VALUES (?, ?, ?, false, 500, 'the endpoint answered 500', ?)""").params(realm.id().value(), id, event, now).update();

        UiClient.Page log = admin.get("/realm/webhooks/" + id);
        assertThat(log.body()).contains(event.toString(), "Failed (500)");
        assertThat(admin.post(
                                "/realm/webhooks/" + id + "/redeliver",
                                Map.of("event", UUID.randomUUID().toString()))
                        .status())
                .as("an event the endpoint never had")
                .isEqualTo(404);
        admin.get("/realm/webhooks/" + id);
        assertThat(admin.post("/realm/webhooks/" + id + "/redeliver", Map.of("event", event.toString()))
                        .location())
                .contains("redelivered");
        assertThat(audits("webhook.redeliver")).isEqualTo(1);
    }

    private WebhookEndpoint endpoint(long id) {
        return endpoints.list(realm.id()).stream()
                .filter(endpoint -> endpoint.id() == id)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void anUnknownEventTypeIsShownNextToTheEventsInThePagesLanguage() {
        admin.header("Accept-Language", "es");
        UiClient.Page refused = admin.post("/realm/webhooks", Map.of("url", url, "events", "code.stolen"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body())
                .contains("id=\"events-error\"", "Elija solo tipos de evento de la lista.")
                .doesNotContain("Unknown event types");
        assertThat(endpoints.list(realm.id())).isEmpty();
    }

    private UiClient signedIn(RealmId realmId, Set<Permission> permissions) {
        UiClient client = new UiClient(port);
        client.signIn(TestUsers.member(users, memberships, realmId, permissions).email(), TestUsers.PASSWORD);
        return client;
    }

    private long audits(String action) {
        return jdbc.sql("SELECT count(*) FROM audit_entries WHERE realm_id = ? AND action = ?")
                .params(realm.id().value(), action)
                .query(Long.class)
                .single();
    }
}
