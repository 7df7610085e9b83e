package org.enverify.stats.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.enverify.account.Memberships;
import org.enverify.account.User;
import org.enverify.account.Users;
import org.enverify.apikey.ApiKeys;
import org.enverify.realm.Permission;
import org.enverify.support.ApiClient;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.enverify.support.UiClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The statistics page shows the realm's counts and downloads the same files as the stats API. */
@EnverifyIntegrationTest
class StatsPageIntegrationTests {

    @Autowired
    Users users;

    @Autowired
    Memberships memberships;

    @Autowired
    ApiKeys apiKeys;

    @Test
    void theChartsDataCountsWhatHappened(TestRealm realm, ApiClient api, UiClient browser) {
        for (int i = 0; i < 3; i++) {
            assertThat(api.post("/api/issue", realm.adminKey(), "{\"testType\":\"confirmed\"}")
                            .status())
                    .isEqualTo(200);
        }
        api.post("/api/verify", realm.deviceKey(), "{\"code\":\"00000000\"}");
        browser.signIn(
                TestUsers.member(users, memberships, realm.id(), Set.of(Permission.STATS_READ))
                        .email(),
                TestUsers.PASSWORD);
        UiClient.Page page = browser.get("/realm/stats");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("3 codes issued, 0 claimed, 1 invalid").contains("data-stats=");
        assertThat(page.body()).contains("&quot;admin&quot;:[");
        UiClient.Page csv = browser.get("/realm/stats/realm.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()
                        .lines()
                        .skip(1)
                        .map(line -> line.split(",")[1])
                        .mapToLong(Long::parseLong)
                        .sum())
                .isEqualTo(3);
        assertThat(browser.get("/realm/stats/realm.json").body()).contains("\"codes_issued\":3");
    }

    @Test
    void codesIssuedInTheBrowserCountForTheirUser(TestRealm realm, UiClient caseWorker, UiClient reader) {
        User worker = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
        users.rename(worker.id(), "Grace Hopper");
        caseWorker.signIn(worker.email(), TestUsers.PASSWORD);
        for (int i = 0; i < 2; i++) {
            assertThat(caseWorker
                            .post("/codes/issue", Map.of("testType", "confirmed"))
                            .status())
                    .as("issued, and redirected to the result")
                    .isEqualTo(302);
        }
        reader.signIn(
                TestUsers.member(users, memberships, realm.id(), Set.of(Permission.STATS_READ))
                        .email(),
                TestUsers.PASSWORD);
        assertThat(reader.get("/realm/stats").body()).contains("&quot;Grace Hopper (#" + worker.id() + ")&quot;:2");
    }

    @Test
    void everyFamilyDownloadsForTheSelectedRealmOnly(TestRealm realm, TestRealm other, UiClient browser) {
        User reader = TestUsers.member(users, memberships, realm.id(), Set.of(Permission.STATS_READ));
        users.rename(reader.id(), "Rita Reader");
        User stranger = TestUsers.member(users, memberships, other.id(), Set.of(Permission.STATS_READ));
        long apiKey = apiKeys.list(realm.id()).getFirst().id();
        long otherApiKey = apiKeys.list(other.id()).getFirst().id();
        browser.signIn(reader.email(), TestUsers.PASSWORD);

        for (String family : List.of(
                "realm",
                "users",
                "external-issuers",
                "sms-errors",
                "key-server",
                "composite",
                "users/" + reader.id(),
                "api-keys/" + apiKey)) {
            UiClient.Page json = browser.get("/realm/stats/" + family + ".json");
            assertThat(json.status()).as(family).isEqualTo(200);
            assertThat(json.header("Content-Type")).as(family).startsWith("application/json");
            UiClient.Page csv = browser.get("/realm/stats/" + family + ".csv");
            assertThat(csv.status()).as(family).isEqualTo(200);
            assertThat(csv.header("Content-Type")).as(family).startsWith("text/csv");
            assertThat(csv.header("Content-Disposition")).as(family).startsWith("attachment; filename=");
        }
        assertThat(browser.get("/realm/stats/users/" + reader.id() + ".json").body())
                .contains("\"user_name\":\"Rita Reader\"")
                .contains("\"realm_id\":" + realm.id());
        assertThat(browser.get("/realm/stats/composite.json").body()).isEqualTo("{}");

        for (String foreign :
                List.of("users/" + stranger.id(), "api-keys/" + otherApiKey, "users/abc", "api-keys/0", "users/-1")) {
            assertThat(browser.get("/realm/stats/" + foreign + ".json").status())
                    .as(foreign)
                    .isEqualTo(404);
            assertThat(browser.get("/realm/stats/" + foreign + ".csv").status())
                    .as(foreign)
                    .isEqualTo(404);
        }
        assertThat(browser.get("/realm/stats/nope.json").status()).isEqualTo(404);
    }

    @Test
    void aUsersAndAnApiKeysPageShowTheirOwnRealmsOnly(TestRealm realm, TestRealm other, UiClient browser) {
        User reader =
                TestUsers.member(users, memberships, realm.id(), Set.of(Permission.STATS_READ, Permission.USER_READ));
        users.rename(reader.id(), "Rita Reader");
        User stranger = TestUsers.member(users, memberships, other.id(), Set.of(Permission.STATS_READ));
        long apiKey = apiKeys.list(realm.id()).getFirst().id();
        long otherApiKey = apiKeys.list(other.id()).getFirst().id();
        browser.signIn(reader.email(), TestUsers.PASSWORD);

        UiClient.Page userPage = browser.get("/realm/stats/users/" + reader.id());
        assertThat(userPage.status()).isEqualTo(200);
        assertThat(userPage.text("h1")).isEqualTo("Rita Reader");
        assertThat(userPage.attribute("#chart-detail", "aria-label")).isEqualTo("Statistics of Rita Reader per day");
        assertThat(userPage.has("a[href='/realm/stats/users/" + reader.id() + ".json']"))
                .isTrue();
        assertThat(userPage.attribute("#stats", "data-stats")).contains("\"chart-detail\"");

        UiClient.Page keyPage = browser.get("/realm/stats/api-keys/" + apiKey);
        assertThat(keyPage.status()).isEqualTo(200);
        assertThat(keyPage.text("h1"))
                .isEqualTo(apiKeys.list(realm.id()).getFirst().name());
        assertThat(keyPage.has("a[href='/realm/stats/api-keys/" + apiKey + ".csv']"))
                .isTrue();

        assertThat(browser.get("/realm/users").body()).contains("/realm/stats/users/" + reader.id());
        assertThat(browser.get("/realm/stats").body()).contains("/realm/stats/api-keys/" + apiKey);

        for (String foreign : List.of(
                "users/" + stranger.id(), "api-keys/" + otherApiKey, "users/0", "api-keys/999999999999", "users/abc")) {
            UiClient.Page page = browser.get("/realm/stats/" + foreign);
            assertThat(page.status()).as(foreign).isEqualTo(404);
        }
    }

    @Test
    void aUsersPageAlsoNeedsUserRead(TestRealm realm, UiClient browser) {
        User reader = TestUsers.member(users, memberships, realm.id(), Set.of(Permission.STATS_READ));
        browser.signIn(reader.email(), TestUsers.PASSWORD);
        assertThat(browser.get("/realm/stats/users/" + reader.id()).status()).isEqualTo(403);
        assertThat(browser.get("/realm/stats").html().select("a[href^='/realm/stats/users/']"))
                .isEmpty();
    }

    @Test
    void aRealmWithoutSmsErrorsOrKeyServerSaysSoInsteadOfDrawingEmptyCharts(TestRealm realm, UiClient browser) {
        browser.signIn(
                TestUsers.member(users, memberships, realm.id(), Set.of(Permission.STATS_READ))
                        .email(),
                TestUsers.PASSWORD);
        UiClient.Page page = browser.get("/realm/stats");
        assertThat(page.has("#chart-sms-errors")).isFalse();
        assertThat(page.has("#chart-publishes")).isFalse();
        assertThat(page.has("#chart-tokens")).isTrue();
        assertThat(page.body()).contains("No SMS failed in these days.").contains("No key server statistics");
        assertThat(page.attribute("#stats", "data-stats")).doesNotContain("chart-sms-errors");
    }

    @Test
    void statisticsNeedStatsRead(TestRealm realm, UiClient browser) {
        User worker = TestUsers.member(users, memberships, realm.id(), Set.of(Permission.CODE_ISSUE));
        browser.signIn(worker.email(), TestUsers.PASSWORD);
        assertThat(browser.get("/realm/stats").status()).isEqualTo(403);
        assertThat(browser.get("/realm/stats/users/" + worker.id()).status()).isEqualTo(403);
        assertThat(browser.get("/realm/stats/api-keys/"
                                + apiKeys.list(realm.id()).getFirst().id())
                        .status())
                .isEqualTo(403);
        for (String family : List.of(
                "realm",
                "users",
                "external-issuers",
                "sms-errors",
                "key-server",
                "composite",
                "users/" + worker.id())) {
            assertThat(browser.get("/realm/stats/" + family + ".csv").status())
                    .as(family)
                    .isEqualTo(403);
            assertThat(browser.get("/realm/stats/" + family + ".json").status())
                    .as(family)
                    .isEqualTo(403);
        }
    }
}
