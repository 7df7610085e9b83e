package org.enverify.signing.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enverify.support.ManagementErrors.assertError;
import static org.enverify.support.OAuthRealm.bearer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.enverify.apikey.ApiKeys;
import org.enverify.audit.AuditEntries;
import org.enverify.audit.AuditEntry;
import org.enverify.audit.AuditQuery;
import org.enverify.platform.Actor;
import org.enverify.realm.Realms;
import org.enverify.signing.CertificateKeys;
import org.enverify.signing.CertificateKeys.RealmKeyVersion;
import org.enverify.support.ApiClient;
import org.enverify.support.ManagementApiIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.OAuthRealm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** A realm's certificate keys through the management API: publish, activate, destroy, as the signing keys page. */
@ManagementApiIntegrationTest
class CertificateKeysApiIntegrationTests {

    /** The most key versions a realm may have (published and not destroyed). */
    private static final int MOST_KEYS = 5;

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    CertificateKeys keys;

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

    private ApiClient.Response call(String method, String rest, String token, Map<String, String> more) {
        return realm.call(api, method, rest, token, null, more);
    }

    private ApiClient.Response call(String method, String rest, String token) {
        return call(method, rest, token, Map.of());
    }

    private List<RealmKeyVersion> versions() {
        return keys.realmKeyVersions(realm.id());
    }

    private AuditEntry lastAudit() {
        return audit.page(realm.id(), AuditQuery.all(0, 1)).entries().getFirst();
    }

    private long auditCount() {
        return audit.page(realm.id(), AuditQuery.all(0, 1)).total();
    }

    private static long id(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isBetween(200, 201);
        return Long.parseLong(response.json().path("data").path("id").asString());
    }

    @Test
    void readingTakesSettingsReadAndWritingSettingsWrite() {
        long existing = keys.createRealmKey(realm.id(), Actor.cli()).id();

        ApiClient.Response listed = call("GET", "/certificate-keys", realm.token("SettingsRead"));
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.json().path("pagination").path("total_items").asLong())
                .isEqualTo(1);
        assertError(
                call("GET", "/certificate-keys", realm.token("APIKeyWrite", "MobileAppWrite")),
                403,
                "insufficient_scope",
                null);
        assertError(call("POST", "/certificate-keys", realm.token("SettingsRead")), 403, "insufficient_scope", null);
        assertError(
                call("DELETE", "/certificate-keys/" + existing, realm.token("SettingsRead")),
                403,
                "insufficient_scope",
                null);

        assertThat(versions()).extracting(RealmKeyVersion::id).containsExactly(existing);
    }

    @Test
    void theFirstKeySignsAtOnceAnotherOnceActivatedAndOnlyOneThatNoLongerSignsIsDestroyed() {
        String token = realm.tokenOf("key-rotator", "SettingsWrite");

        ApiClient.Response first = call("POST", "/certificate-keys", token);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        JsonNode data = first.json().path("data");
        long firstId = id(first);
        assertThat(data.path("kid").asString()).isEqualTo("r" + realm.id() + "v" + firstId);
        assertThat(data.path("active").asBoolean()).isTrue();
        assertThat(data.path("created_at").asString()).endsWith("Z");
        assertThat(lastAudit().action()).isEqualTo("certificate_key.create");
        assertThat(lastAudit().actor()).isEqualTo("oauth:key-rotator");
        long secondId = id(call("POST", "/certificate-keys", token));
        assertThat(keys.realmKeyVersion(realm.id(), secondId).orElseThrow().active())
                .isFalse();

        ApiClient.Response activated = call("POST", "/certificate-keys/" + secondId + "/activate", token);

        assertThat(activated.status()).as(activated.body()).isEqualTo(200);
        assertThat(activated.json().path("data").path("active").asBoolean()).isTrue();
        assertThat(activated.json().path("data").path("activated_at").asString())
                .isNotEmpty();
        assertThat(versions())
                .filteredOn(RealmKeyVersion::active)
                .extracting(RealmKeyVersion::id)
                .containsExactly(secondId);
        assertThat(lastAudit().action()).isEqualTo("certificate_key.activate");
        long audited = auditCount();
        assertThat(call("POST", "/certificate-keys/" + secondId + "/activate", token)
                        .status())
                .isEqualTo(200);
        assertThat(auditCount())
                .as("activating the key that signs changes nothing")
                .isEqualTo(audited);

        assertError(call("DELETE", "/certificate-keys/" + secondId, token), 400, "unparsable_request", null);
        assertThat(keys.realmKeyVersion(realm.id(), secondId)).isPresent();
        assertThat(call("DELETE", "/certificate-keys/" + firstId, token).status())
                .isEqualTo(204);
        assertThat(versions()).extracting(RealmKeyVersion::id).containsExactly(secondId);
        assertThat(lastAudit().action()).isEqualTo("certificate_key.destroy");
        assertError(call("GET", "/certificate-keys/" + firstId, token), 404, "not_found", null);
        assertError(call("POST", "/certificate-keys/" + firstId + "/activate", token), 404, "not_found", null);
    }

    @Test
    void aReplayedCreationPublishesOneKey() {
        Map<String, String> idempotent = Map.of("Idempotency-Key", "publish-" + UUID.randomUUID());

        ApiClient.Response first = call("POST", "/certificate-keys", realm.token("SettingsWrite"), idempotent);
        ApiClient.Response again = call("POST", "/certificate-keys", realm.token("SettingsWrite"), idempotent);

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(versions()).hasSize(1);
    }

    @Test
    void keysArePagedNewestFirstUpToTheMostARealmMayHave() {
        String token = realm.token("SettingsWrite");
        List<Long> created = new ArrayList<>();
        for (int i = 0; i < MOST_KEYS; i++) {
            created.add(id(call("POST", "/certificate-keys", token)));
        }

        assertError(call("POST", "/certificate-keys", token), 400, "unparsable_request", null);
        assertThat(versions()).hasSize(MOST_KEYS);

        List<Long> listed = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            ApiClient.Response response = call("GET", "/certificate-keys?limit=2&page=" + page, token);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.json().path("pagination").path("total_items").asLong())
                    .isEqualTo(MOST_KEYS);
            assertThat(response.json().path("data").size()).isEqualTo(page < 3 ? 2 : 1);
            response.json()
                    .path("data")
                    .forEach(key -> listed.add(Long.parseLong(key.path("id").asString())));
        }
        assertThat(listed).isEqualTo(created.reversed());
        List<Long> oldestFirst = new ArrayList<>();
        call("GET", "/certificate-keys?sort=created_at", token)
                .json()
                .path("data")
                .forEach(key -> oldestFirst.add(Long.parseLong(key.path("id").asString())));
        assertThat(oldestFirst).isEqualTo(created);
        assertThat(call("GET", "/certificate-keys?page=4&limit=2", token)
                        .json()
                        .path("data")
                        .size())
                .isZero();
    }

    @Test
    void anotherRealmsTokenAndKeysAreRefused() {
        OAuthRealm other = OAuthRealm.create(realms, apiKeys, clock);
        long foreign = keys.createRealmKey(other.id(), Actor.cli()).id();
        keys.createRealmKey(other.id(), Actor.cli());
        String token = realm.token("SettingsWrite");

        assertThat(api.request("GET", other.path("/certificate-keys"), bearer(token), null)
                        .status())
                .isEqualTo(401);
        assertThat(api.request("POST", other.path("/certificate-keys"), bearer(token), null)
                        .status())
                .isEqualTo(401);
        assertError(call("GET", "/certificate-keys/" + foreign, token), 404, "not_found", null);
        assertError(call("POST", "/certificate-keys/" + foreign + "/activate", token), 404, "not_found", null);
        assertError(call("DELETE", "/certificate-keys/" + foreign, token), 404, "not_found", null);

        assertThat(keys.realmKeyVersions(other.id())).hasSize(2);
        assertThat(keys.realmKeyVersion(other.id(), foreign).orElseThrow().active())
                .isTrue();
        assertThat(versions()).isEmpty();
    }

    @Test
    void badInputIsRefusedInTheEnvelopeAndChangesNothing() {
        long existing = keys.createRealmKey(realm.id(), Actor.cli()).id();
        String token = realm.token("SettingsWrite");

        assertError(call("GET", "/certificate-keys/abc", token), 404, "not_found", null);
        assertError(call("POST", "/certificate-keys/-1/activate", token), 404, "not_found", null);
        assertError(call("POST", "/certificate-keys/99999999999999999999/activate", token), 404, "not_found", null);
        assertError(call("DELETE", "/certificate-keys/0x1", token), 404, "not_found", null);
        assertError(call("GET", "/certificate-keys?sort=kid", token), 400, "unparsable_request", "sort");
        assertError(call("GET", "/certificate-keys?page=0", token), 400, "unparsable_request", "page");
        assertError(call("GET", "/certificate-keys?limit=201", token), 400, "unparsable_request", "limit");
        assertError(call("PATCH", "/certificate-keys/" + existing, token), 405, "unparsable_request", null);

        assertThat(versions()).extracting(RealmKeyVersion::id).containsExactly(existing);
        assertThat(keys.realmKeyVersion(realm.id(), existing).orElseThrow().active())
                .isTrue();
    }
}
