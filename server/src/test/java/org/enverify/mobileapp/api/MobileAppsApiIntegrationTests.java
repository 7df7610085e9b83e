package org.enverify.mobileapp.api;

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
import org.enverify.mobileapp.ListedApp;
import org.enverify.mobileapp.MobileApp;
import org.enverify.mobileapp.MobileApps;
import org.enverify.mobileapp.NewMobileApp;
import org.enverify.platform.Actor;
import org.enverify.realm.Realms;
import org.enverify.support.ApiClient;
import org.enverify.support.ManagementApiIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.OAuthRealm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** A realm's phone apps through the management API: the page's and the command line's rules, list, change. */
@ManagementApiIntegrationTest
class MobileAppsApiIntegrationTests {

    private static final String FINGERPRINT =
            "14:6d:e9:83:c5:73:06:50:d8:ee:b9:95:2f:34:fc:64:16:a0:83:42:e6:1d:be:a8:8a:04:96:b2:3f:cf:44:e5";
    private static final String ANDROID = "{\"name\":\"Washington Android\",\"os\":\"android\","
            + "\"app_id\":\"gov.wa.doh.exposurenotifications\",\"sha256\":[\"" + FINGERPRINT + "\"]}";

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    MobileApps mobileApps;

    @Autowired
    AuditEntries audit;

    @Autowired
    TransactionTemplate transactions;

    private ApiClient api;
    private MutableClock clock;
    private OAuthRealm realm;

    @BeforeEach
    void setUp(ApiClient api, MutableClock clock) {
        this.api = api;
        this.clock = clock;
        this.realm = OAuthRealm.create(realms, apiKeys, clock);
    }

    private ApiClient.Response call(String method, String rest, String token, String body, Map<String, String> more) {
        return realm.call(api, method, rest, token, body, more);
    }

    private ApiClient.Response call(String method, String rest, String token, String body) {
        return call(method, rest, token, body, Map.of());
    }

    private List<MobileApp> apps() {
        return mobileApps.list(realm.id());
    }

    private MobileApp iosApp(OAuthRealm in, String name) {
        return mobileApps.add(
                in.id(),
                new NewMobileApp(name, "ios", "ABCDE12345.org.example.app", null, List.of(), false),
                Actor.cli());
    }

    private AuditEntry lastAudit() {
        return audit.page(realm.id(), AuditQuery.all(0, 1)).entries().getFirst();
    }

    @Test
    void readingTakesMobileAppReadAndWritingMobileAppWrite() {
        MobileApp app = iosApp(realm, "Reader's app");

        ApiClient.Response listed = call("GET", "/mobile-apps", realm.token("MobileAppRead"), null);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.json().path("data").get(0).path("name").asString()).isEqualTo("Reader's app");
        assertError(
                call("GET", "/mobile-apps", realm.token("SettingsWrite", "APIKeyWrite"), null),
                403,
                "insufficient_scope",
                null);
        assertError(
                call("POST", "/mobile-apps", realm.token("MobileAppRead"), ANDROID), 403, "insufficient_scope", null);
        assertError(
                call("PATCH", "/mobile-apps/" + app.id(), realm.token("MobileAppRead"), "{\"name\":\"Renamed\"}"),
                403,
                "insufficient_scope",
                null);

        assertThat(apps()).extracting(MobileApp::name).containsExactly("Reader's app");
    }

    @Test
    void anAppIsAddedChangedAndDisabledUnderThePagesRules() {
        String token = realm.tokenOf("app-ops", "MobileAppWrite");

        ApiClient.Response added = call("POST", "/mobile-apps", token, ANDROID);

        assertThat(added.status()).as(added.body()).isEqualTo(201);
        JsonNode data = added.json().path("data");
        long id = Long.parseLong(data.path("id").asString());
        assertThat(data.path("os").asString()).isEqualTo("android");
        assertThat(data.path("app_id").asString()).isEqualTo("gov.wa.doh.exposurenotifications");
        assertThat(data.path("sha256").get(0).asString()).isEqualTo(FINGERPRINT.toUpperCase());
        assertThat(data.path("enabled").asBoolean()).isTrue();
        assertThat(data.path("disable_redirect").asBoolean()).isFalse();
        assertThat(data.has("url")).isFalse();
        assertThat(lastAudit().action()).isEqualTo("mobileapp.create");
        assertThat(lastAudit().actor()).isEqualTo("oauth:app-ops");

        ApiClient.Response changed = call(
                "PATCH",
                "/mobile-apps/" + id,
                token,
                "{\"url\":\"https://play.google.com/store/apps/details?id=gov.wa.doh.exposurenotifications\","
                        + "\"disable_redirect\":true}");

        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().path("data").path("name").asString()).isEqualTo("Washington Android");
        MobileApp stored = mobileApps.find(realm.id(), id).orElseThrow();
        assertThat(stored.url()).startsWith("https://play.google.com/");
        assertThat(stored.disableRedirect()).isTrue();
        assertThat(stored.sha256Fingerprints()).containsExactly(FINGERPRINT.toUpperCase());
        assertThat(lastAudit().action()).isEqualTo("mobileapp.update");
        assertThat(lastAudit().diff()).containsOnlyKeys("url", "disable_redirect");

        iosApp(realm, "Washington iOS");
        assertError(
                call("PATCH", "/mobile-apps/" + id, token, "{\"name\":\"washington IOS\"}"),
                400,
                "unparsable_request",
                "name");
        assertError(
                call("PATCH", "/mobile-apps/" + id, token, "{\"os\":\"ios\"}"), 400, "unparsable_request", "app_id");
        assertThat(call("PATCH", "/mobile-apps/" + id, token, "{\"name\":\"Washington Android\"}")
                        .status())
                .as("an app keeps its own name")
                .isEqualTo(200);
        assertThat(call("PATCH", "/mobile-apps/" + id, token, "{\"url\":\"\"}")
                        .json()
                        .path("data")
                        .has("url"))
                .isFalse();

        ApiClient.Response disabled = call("POST", "/mobile-apps/" + id + "/disable", token, null);
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        assertThat(disabled.json().path("data").path("enabled").asBoolean()).isFalse();
        assertThat(disabled.json().path("data").path("disabled_at").asString()).endsWith("Z");
        assertThat(mobileApps.find(realm.id(), id).orElseThrow().enabled()).isFalse();
        assertThat(lastAudit().action()).isEqualTo("mobileapp.disable");
    }

    @Test
    void anAppThatAppSyncAddedIsLeftToTheFeed() {
        transactions.executeWithoutResult(status -> mobileApps.sync(
                realm.id(), "US-WA", List.of(new ListedApp("", "org.example.synced", List.of(FINGERPRINT), false))));
        MobileApp synced = apps().getFirst();
        String token = realm.token("MobileAppWrite");

        ApiClient.Response shown = call("GET", "/mobile-apps/" + synced.id(), realm.token("MobileAppRead"), null);
        assertThat(shown.json().path("data").path("synced").asBoolean()).isTrue();
        assertError(
                call("PATCH", "/mobile-apps/" + synced.id(), token, "{\"name\":\"Mine now\"}"),
                400,
                "unparsable_request",
                null);
        assertError(
                call("POST", "/mobile-apps/" + synced.id() + "/disable", token, null), 400, "unparsable_request", null);

        assertThat(mobileApps.find(realm.id(), synced.id())).contains(synced);
    }

    @Test
    void aReplayedCreationAddsOneAppAndAnotherBodyIsRefused() {
        Map<String, String> idempotent = Map.of("Idempotency-Key", "app-" + UUID.randomUUID());
        String token = realm.token("MobileAppWrite");

        ApiClient.Response first = call("POST", "/mobile-apps", token, ANDROID, idempotent);
        ApiClient.Response again = call("POST", "/mobile-apps", token, ANDROID, idempotent);

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json()).isEqualTo(first.json());
        assertError(
                call("POST", "/mobile-apps", token, ANDROID.replace("Washington", "Oregon"), idempotent),
                422,
                "idempotency_key_reused",
                "Idempotency-Key");
        assertThat(apps()).extracting(MobileApp::name).containsExactly("Washington Android");
    }

    @Test
    void appsArePagedNewestFirstOrByName() {
        List<Long> added = new ArrayList<>();
        for (int i = 0; i < 55; i++) {
            added.add(iosApp(realm, String.format("App %02d", (i * 7) % 55)).id());
        }
        String token = realm.token("MobileAppRead");

        List<Long> listed = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            ApiClient.Response response = call("GET", "/mobile-apps?limit=25&page=" + page, token, null);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.json().path("pagination").path("total_items").asLong())
                    .isEqualTo(55);
            assertThat(response.json().path("pagination").path("per_page").asInt())
                    .isEqualTo(25);
            assertThat(response.json().path("data").size()).isEqualTo(page < 3 ? 25 : 5);
            response.json()
                    .path("data")
                    .forEach(app -> listed.add(Long.parseLong(app.path("id").asString())));
        }
        assertThat(listed).isEqualTo(added.reversed());

        List<String> byName = new ArrayList<>();
        call("GET", "/mobile-apps?sort=name&limit=3", token, null)
                .json()
                .path("data")
                .forEach(app -> byName.add(app.path("name").asString()));
        assertThat(byName).containsExactly("App 00", "App 01", "App 02");
        assertThat(call("GET", "/mobile-apps?page=3&limit=200", token, null)
                        .json()
                        .path("data")
                        .size())
                .isZero();
    }

    @Test
    void anotherRealmsTokenAndAppsAreRefused() {
        OAuthRealm other = OAuthRealm.create(realms, apiKeys, clock);
        MobileApp foreign = iosApp(other, "Other realm's app");
        String token = realm.token("MobileAppWrite");

        assertThat(api.request("GET", other.path("/mobile-apps"), bearer(token), null)
                        .status())
                .isEqualTo(401);
        assertError(call("GET", "/mobile-apps/" + foreign.id(), token, null), 404, "not_found", null);
        assertError(
                call("PATCH", "/mobile-apps/" + foreign.id(), token, "{\"name\":\"taken over\"}"),
                404,
                "not_found",
                null);
        assertError(call("POST", "/mobile-apps/" + foreign.id() + "/disable", token, null), 404, "not_found", null);

        assertThat(mobileApps.find(other.id(), foreign.id())).contains(foreign);
    }

    @Test
    void badInputIsRefusedInTheEnvelopeAndChangesNothing() {
        MobileApp app = iosApp(realm, "Steady");
        String token = realm.token("MobileAppWrite");
        String path = "/mobile-apps/" + app.id();

        assertError(
                call("POST", "/mobile-apps", token, ANDROID.replace("\"name\"", "\"nmae\"")),
                400,
                "unparsable_request",
                "nmae");
        assertError(
                call(
                        "POST",
                        "/mobile-apps",
                        token,
                        ANDROID.replace("[\"" + FINGERPRINT + "\"]", "\"" + FINGERPRINT + "\"")),
                400,
                "unparsable_request",
                "sha256");
        assertError(
                call("POST", "/mobile-apps", token, ANDROID.replace("[\"" + FINGERPRINT + "\"]", "[null]")),
                400,
                "unparsable_request",
                "sha256");
        assertError(
                call("POST", "/mobile-apps", token, ANDROID.replace("\"Washington Android\"", "7")),
                400,
                "unparsable_request",
                "name");
        assertError(
                call("POST", "/mobile-apps", token, ANDROID.replace("\"android\"", "\"windows\"")),
                400,
                "unparsable_request",
                "os");
        assertError(
                call(
                        "POST",
                        "/mobile-apps",
                        token,
                        "{\"name\":\"x\",\"os\":\"ios\",\"app_id\":\"ABCDE12345.org.x.y\","
                                + "\"url\":\"http://apps.example.org\"}"),
                400,
                "unparsable_request",
                "url");
        assertError(
                call("POST", "/mobile-apps", token, "{\"name\":\"" + "n".repeat(1024 * 1024) + "\"}"),
                413,
                "unparsable_request",
                null);
        assertError(
                call("PATCH", path, token, "{\"disable_redirect\":\"yes\"}"),
                400,
                "unparsable_request",
                "disable_redirect");
        assertError(call("PATCH", path, token, "{\"name\":\"\"}"), 400, "unparsable_request", "name");
        assertError(call("PATCH", "/mobile-apps/abc", token, "{\"name\":\"x\"}"), 404, "not_found", null);
        assertError(call("POST", "/mobile-apps/99999999999999999999/disable", token, null), 404, "not_found", null);
        assertError(call("GET", "/mobile-apps?sort=os", token, null), 400, "unparsable_request", "sort");
        assertError(call("GET", "/mobile-apps?limit=0", token, null), 400, "unparsable_request", "limit");

        assertThat(apps()).containsExactly(app);
    }
}
