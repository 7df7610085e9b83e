package org.enverify.stats.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;

/**
 * The statistics pages in Chromium: every chart with data is drawn, its days oldest first, its counts on an axis
 * from 0 with whole-number ticks; a chart with nothing to show says so; the console stays clean.
 */
@BrowserTest
@EnverifyIntegrationTest
class StatsPageBrowserTests {

    /** For each drawn chart: whether its days run oldest first, its axis starts at 0, and its ticks are whole numbers. */
    private static final String CHART_PROBLEMS = """
            const problems = [];
            document.querySelectorAll('canvas').forEach(canvas => {
              const chart = Chart.getChart(canvas);
              if (!chart) { problems.push(canvas.id + ' is not drawn'); return; }
              const days = chart.data.labels.filter(label => /^\\d{4}-\\d{2}-\\d{2}$/.test(label));
              if (days.length > 1 && days[0] > days[days.length - 1]) problems.push(canvas.id + ' runs newest first');
              const y = chart.scales.y;
              if (y.min !== 0) problems.push(canvas.id + ' has an axis from ' + y.min);
              if (canvas.id !== 'chart-latency' && y.ticks.some(tick => !Number.isInteger(tick.value))) {
                problems.push(canvas.id + ' has ticks ' + y.ticks.map(tick => tick.value));
              }
            });
            return problems;
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

    @Autowired
    MessageSource messages;

    @Test
    void everyChartWithDataIsDrawnOldestDayFirstOnAWholeNumberAxisFromZero(TestRealm realm, ApiClient api) {
        assertThat(api.post("/api/issue", realm.adminKey(), "{\"testType\":\"confirmed\"}")
                        .status())
                .isEqualTo(200);
        User reader =
                TestUsers.member(users, memberships, realm.id(), Set.of(Permission.STATS_READ, Permission.USER_READ));
        browser.open(port).signIn(reader.email(), TestUsers.PASSWORD);
        for (String page : List.of(
                "/realm/stats",
                "/realm/stats/api-keys/" + apiKeys.list(realm.id()).getFirst().id())) {
            browser.go(page);
            // the charts are drawn on DOMContentLoaded, before the load event that go() waits for
            Object problems = browser.driver().executeScript(CHART_PROBLEMS);
            assertThat((List<?>) problems).as(page).isEmpty();
            assertThat(browser.findAll("#chart-codes, #chart-detail")).as(page).hasSize(1);
            assertThat(browser.consoleProblems()).as(page).isEmpty();
        }
    }

    @Test
    void aChartWithNothingToShowSaysSo(TestRealm realm) {
        User reader =
                TestUsers.member(users, memberships, realm.id(), Set.of(Permission.STATS_READ, Permission.USER_READ));
        browser.open(port).signIn(reader.email(), TestUsers.PASSWORD);
        browser.go("/realm/stats/users/" + reader.id());
        assertThat(browser.text("#stats .chart-empty"))
                .isEqualTo(messages.getMessage("stats.empty", null, Locale.ENGLISH));
        assertThat(browser.findAll("canvas")).isEmpty();
        browser.go("/realm/stats");
        assertThat(browser.findAll("#stats .chart-empty")).isNotEmpty();
        assertThat(browser.findAll("#chart-codes")).as("nothing was issued").isEmpty();
        assertThat(browser.consoleProblems()).isEmpty();
    }
}
