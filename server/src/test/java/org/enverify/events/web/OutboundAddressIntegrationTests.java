package org.enverify.events.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.enverify.account.Memberships;
import org.enverify.account.User;
import org.enverify.account.Users;
import org.enverify.apikey.ApiKeys;
import org.enverify.events.WebhookEndpoints;
import org.enverify.platform.Actor;
import org.enverify.realm.Permission;
import org.enverify.realm.Realms;
import org.enverify.stats.keyserver.KeyServerStats;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.enverify.support.UiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * With the production rule (no {@code ENVERIFY_WEBHOOKS_ALLOW_PRIVATE}), a URL whose address reaches
 * private space in any of its IPv6 disguises is refused with a field error, and nothing is stored.
 */
@EnverifyIntegrationTest
@TestPropertySource(properties = "enverify.webhooks.allow-private=false")
@Tag("security")
class OutboundAddressIntegrationTests {

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
    KeyServerStats keyServerStats;

    @Autowired
    JdbcClient jdbc;

    TestRealm realm;
    UiClient admin;

    @BeforeEach
    void setUp(UiClient admin) {
        realm = TestRealm.create(realms, apiKeys);
        User user = TestUsers.member(users, memberships, realm.id(), Permission.REALM_ADMIN);
        this.admin = admin;
        admin.signIn(user.email(), TestUsers.PASSWORD);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "https://[::127.0.0.1]/hook",
                "https://[::7f00:1]/hook",
                "https://[64:ff9b::a00:1]/hook",
                "https://[64:ff9b::a9fe:a9fe]/hook",
                "https://[2002:7f00:1::1]/hook",
                "https://255.255.255.255/hook",
                "https://[::ffff:169.254.169.254]/hook"
            })
    void aWebhookToAPrivateAddressInDisguiseIsRefusedAndNothingStored(String url) {
        admin.get("/realm/webhooks");
        UiClient.Page refused = admin.post("/realm/webhooks", Map.of("url", url, "events", "code.issued"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("url-error", "special-purpose");
        assertThat(endpoints.list(realm.id())).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entries WHERE realm_id = ? AND action = 'webhook.create'")
                        .param(realm.id().value())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"https://[64:ff9b::a00:1]/", "https://[2002:a9fe:a9fe::1]/"})
    void aKeyServerUrlToAPrivateAddressIsRefused(String url) {
        assertThatThrownBy(() -> keyServerStats.enable(realm.id(), url, null, Actor.cli()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("special-purpose");
        assertThat(keyServerStats.config(realm.id())).isEmpty();
    }
}
