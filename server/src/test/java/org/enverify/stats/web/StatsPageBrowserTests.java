package org.enverify.stats.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.enverify.account.Memberships;
import org.enverify.account.User;
import org.enverify.account.Users;
import org.enverify.apikey.ApiKeys;
import org.enverify.realm.Permission;
import org.enverify.support.ApiClient;
import org.enverify.support.Browser;
import org.enverify.support.BrowserTest;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The statistics pages in Chromium: every canvas holds a drawn chart and the console stays clean. */
@BrowserTest
@EnverifyIntegrationTest
class StatsPageBrowserTests {

    /** The ids of the page's canvases that hold no Chart.js chart. */
    private static final String UNDRAWN_CANVASES = """
            return Array.from(document.querySelectorAll('canvas'))
              .filter(canvas => !Chart.getChart(canvas))
              .map(canvas => canvas.id);
            """;

    @RegisterExtension
    final Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    Memberships memberships;

    @Autowired
    ApiKeys apiKeys;

    @Test
    void everyChartOfTheStatisticsPagesIsDrawn(TestRealm realm, ApiClient api) {
        assertThat(api.post("/api/issue", realm.adminKey(), "{\"testType\":\"confirmed\"}")
                        .status())
                .isEqualTo(200);
        User reader =
                TestUsers.member(users, memberships, realm.id(), Set.of(Permission.STATS_READ, Permission.USER_READ));
        browser.open(port).signIn(reader.email(), TestUsers.PASSWORD);
        for (String page : List.of(
                "/realm/stats",
                "/realm/stats/users/" + reader.id(),
                "/realm/stats/api-keys/" + apiKeys.list(realm.id()).getFirst().id())) {
            browser.go(page);
            Object undrawn = browser.waitUntil(driver -> {
                Object found = ((JavascriptExecutor) driver).executeScript(UNDRAWN_CANVASES);
                return ((List<?>) found).isEmpty() ? found : null;
            });
            assertThat((List<?>) undrawn).as(page).isEmpty();
            assertThat(browser.findAll("canvas")).as(page).isNotEmpty();
            assertThat(browser.consoleProblems()).as(page).isEmpty();
        }
    }
}
