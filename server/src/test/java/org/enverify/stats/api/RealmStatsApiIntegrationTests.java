package org.enverify.stats.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enverify.support.ManagementErrors.assertError;
import static org.enverify.support.OAuthRealm.bearer;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.enverify.account.Memberships;
import org.enverify.account.User;
import org.enverify.account.Users;
import org.enverify.apikey.ApiKeyType;
import org.enverify.apikey.ApiKeys;
import org.enverify.platform.Actor;
import org.enverify.realm.Permission;
import org.enverify.realm.Realms;
import org.enverify.stats.Statistics;
import org.enverify.support.ApiClient;
import org.enverify.support.ManagementApiIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.OAuthRealm;
import org.enverify.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The statistics families as management API lists: the stats API's numbers, in the envelope, by day. */
@ManagementApiIntegrationTest
class RealmStatsApiIntegrationTests {

    private static final List<String> STATS_READ_FAMILIES = List.of(
            "/stats/realm", "/stats/external-issuers", "/stats/sms-errors", "/stats/key-server", "/stats/composite");

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    Users users;

    @Autowired
    Memberships memberships;

    private ApiClient api;
    private MutableClock clock;
    private OAuthRealm realm;
    private String adminKey;
    private long adminKeyId;
    private String statsKey;

    @BeforeEach
    void setUp(ApiClient api, MutableClock clock) {
        this.api = api;
        this.clock = clock;
        clock.freeze();
        this.realm = OAuthRealm.create(realms, apiKeys, clock, Map.of("require_date", "false"));
        this.adminKey = apiKeys.create(realm.id(), ApiKeyType.ADMIN, "lab feed", Actor.cli())
                .key();
        this.adminKeyId =
                apiKeys.authenticate(adminKey, ApiKeyType.ADMIN).orElseThrow().keyId();
        this.statsKey = apiKeys.create(realm.id(), ApiKeyType.STATS, "dashboard", Actor.cli())
                .key();
        issue("lab-a");
        issue("lab-a");
        issue("lab-b");
    }

    private void issue(String externalIssuer) {
        ApiClient.Response issued =
                api.post("/api/issue", adminKey, Map.of("testType", "confirmed", "externalIssuerID", externalIssuer));
        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
    }

    private ApiClient.Response get(String rest, String token) {
        return realm.call(api, "GET", rest, token, null, Map.of());
    }

    private String today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
    }

    @Test
    void statsReadReadsEveryFamilyAndTheUserFamiliesAlsoNeedUserRead() {
        User member = TestUsers.member(users, memberships, realm.id(), Set.of(Permission.CODE_ISSUE));
        List<String> all = new ArrayList<>(STATS_READ_FAMILIES);
        all.add("/stats/api-keys/" + adminKeyId);

        for (String family : all) {
            ApiClient.Response allowed = get(family, realm.token("StatsRead"));
            assertThat(allowed.status()).as(family + ": " + allowed.body()).isEqualTo(200);
            assertThat(allowed.json().path("status").asString()).isEqualTo("success");
            assertThat(allowed.json().path("data").isArray()).as(family).isTrue();
            assertThat(allowed.json().path("pagination").path("per_page").asInt())
                    .as(family)
                    .isEqualTo(50);
            assertError(get(family, realm.token("AuditRead", "UserRead")), 403, "insufficient_scope", null);
        }
        for (String family : List.of("/stats/users", "/stats/users/" + member.id())) {
            assertError(get(family, realm.token("StatsRead")), 403, "insufficient_scope", null);
            ApiClient.Response allowed = get(family, realm.token("StatsRead", "UserRead"));
            assertThat(allowed.status()).as(family + ": " + allowed.body()).isEqualTo(200);
        }
        ApiClient.Response memberDays = get("/stats/users/" + member.id(), realm.token("StatsRead", "UserRead"));
        assertThat(memberDays.json().path("pagination").path("total_items").asLong())
                .isEqualTo(Statistics.DAYS);
        assertThat(memberDays.json().path("data").path(0).path("codes_issued").asLong())
                .isZero();
    }

    @Test
    void theRealmAndKeyDaysAreTheStatsApisNumbersNewestFirst() {
        JsonNode upstream = api.get("/api/stats/realm.json", statsKey).json().path("statistics");
        ApiClient.Response days = get("/stats/realm?limit=200", realm.token("StatsRead"));

        assertThat(days.json().path("pagination").path("total_items").asLong()).isEqualTo(Statistics.DAYS);
        assertThat(days.json().path("data")).hasSize(Statistics.DAYS);
        assertThat(days.json().path("data").path(0).path("day").asString()).isEqualTo(today());
        assertThat(days.json().path("data").path(0).path("codes_issued").asLong())
                .isEqualTo(3);
        for (int i = 0; i < Statistics.DAYS; i++) {
            assertThat(withoutDay(days.json().path("data").path(i)))
                    .isEqualTo(upstream.path(i).path("data"));
        }

        JsonNode keyUpstream = api.get("/api/stats/realm/api-keys/" + adminKeyId + ".json", statsKey)
                .json()
                .path("statistics");
        ApiClient.Response keyDays = get("/stats/api-keys/" + adminKeyId, realm.token("StatsRead"));
        assertThat(keyDays.json().path("data")).hasSize(50);
        assertThat(keyDays.json().path("data").path(0).path("codes_issued").asLong())
                .isEqualTo(3);
        assertThat(withoutDay(keyDays.json().path("data").path(0)))
                .isEqualTo(keyUpstream.path(0).path("data"));

        ApiClient.Response oldestFirst = get("/stats/realm?sort=day&limit=1", realm.token("StatsRead"));
        assertThat(oldestFirst.json().path("data").path(0).path("day").asString())
                .isEqualTo(
                        LocalDate.parse(today()).minusDays(Statistics.DAYS_BACK).toString());
    }

    @Test
    void aBreakdownIsOneRowPerDayAndNameAndPagesLikeAnyList() {
        String token = realm.token("StatsRead");

        ApiClient.Response first = get("/stats/external-issuers?limit=2", token);
        assertThat(first.json().path("pagination").path("total_items").asLong()).isEqualTo(2L * Statistics.DAYS);
        assertThat(first.json().path("data").path(0).path("day").asString()).isEqualTo(today());
        assertThat(first.json().path("data").path(0).path("issuer_id").asString())
                .isEqualTo("lab-a");
        assertThat(first.json().path("data").path(0).path("codes_issued").asLong())
                .isEqualTo(2);
        assertThat(first.json().path("data").path(1).path("issuer_id").asString())
                .isEqualTo("lab-b");
        assertThat(first.json().path("data").path(1).path("codes_issued").asLong())
                .isEqualTo(1);

        ApiClient.Response last = get("/stats/external-issuers?limit=50&page=4", token);
        assertThat(last.json().path("data")).hasSize(2 * Statistics.DAYS - 150);
        ApiClient.Response oldestFirst = get("/stats/external-issuers?sort=day&limit=2", token);
        assertThat(oldestFirst.json().path("data").path(0).path("issuer_id").asString())
                .isEqualTo("lab-a");
        assertThat(oldestFirst.json().path("data").path(0).path("codes_issued").asLong())
                .isZero();

        assertThat(get("/stats/sms-errors", token)
                        .json()
                        .path("pagination")
                        .path("total_items")
                        .asLong())
                .isZero();
        assertError(get("/stats/realm?limit=201", token), 400, "unparsable_request", "limit");
        assertError(get("/stats/realm?page=0", token), 400, "unparsable_request", "page");
        assertError(get("/stats/realm?sort=codes_issued", token), 400, "unparsable_request", "sort");
    }

    @Test
    void theKeyServerAndCompositeDaysAreWrittenAsDays() {
        String token = realm.token("StatsRead");

        JsonNode keyServer = get("/stats/key-server", token).json();
        assertThat(keyServer.path("pagination").path("total_items").asLong()).isEqualTo(Statistics.DAYS);
        assertThat(keyServer.path("data").path(0).path("day").asString()).isEqualTo(today());
        assertThat(keyServer.path("data").path(0).path("tek_age_distribution")).hasSize(16);

        JsonNode upstream = api.get("/api/stats/realm/composite.json", statsKey).json();
        JsonNode composite = get("/stats/composite?limit=200", token).json();
        assertThat(composite.path("pagination").path("total_items").asLong())
                .isEqualTo(upstream.path("statistics").size());
        JsonNode newest = composite.path("data").path(0);
        assertThat(newest.path("day").asString()).isEqualTo(today());
        assertThat(newest.path("codes_issued").asLong()).isEqualTo(3);
        assertThat(newest.has("key_server"))
                .as("the realm's key server statistics are off")
                .isFalse();
    }

    @Test
    void anotherRealmsKeysMembersAndTokensAreRefused() {
        OAuthRealm other = OAuthRealm.create(realms, apiKeys, clock);
        long foreignKey = apiKeys.list(other.id()).getFirst().id();
        User stranger = TestUsers.member(users, memberships, other.id(), Set.of(Permission.CODE_ISSUE));
        String token = realm.token("StatsRead", "UserRead");

        assertError(get("/stats/api-keys/" + foreignKey, token), 404, "not_found", null);
        assertError(get("/stats/users/" + stranger.id(), token), 404, "not_found", null);
        assertError(get("/stats/api-keys/not-an-id", token), 404, "not_found", null);
        assertError(get("/stats/no-such-family", token), 404, "not_found", null);
        assertThat(api.request("GET", other.path("/stats/realm"), bearer(token), null)
                        .status())
                .isEqualTo(401);
        assertThat(get("/stats/realm", OAuthRealm.operatorToken(clock)).status())
                .isEqualTo(200);
    }

    private static JsonNode withoutDay(JsonNode item) {
        ObjectNode copy = ((ObjectNode) item).deepCopy();
        copy.remove("day");
        return copy;
    }
}
