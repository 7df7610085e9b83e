package org.enverify.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.enverify.account.Memberships;
import org.enverify.account.Users;
import org.enverify.realm.Permission;
import org.enverify.support.Browser;
import org.enverify.support.BrowserTest;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * A case worker at work under the shipped per-user limit of the web UI (60 requests a minute): twenty pages in
 * the minute, each loading its scripts and styles afresh (the browser's cache is off), are all answered. The clock
 * stands still here, so no token comes back during the test.
 */
@BrowserTest
@EnverifyIntegrationTest
@TestPropertySource(properties = "enverify.rate-limit.ui=60/1m")
class CaseWorkerPaceBrowserTests {

    private static final List<String> PAGES = List.of("/codes/issue", "/codes/status", "/codes/bulk-issue", "/account");

    /** The page's own status and that of every script, style and image it loaded. */
    private static final String STATUSES = """
            return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
              .map(entry => entry.responseStatus + ' ' + new URL(entry.name).pathname);
            """;

    @RegisterExtension
    final Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    Memberships memberships;

    @Test
    void twentyPagesInAMinuteWithTheirAssetsAreNeverRefused(TestRealm realm) {
        browser.open(port);
        browser.driver().executeCdpCommand("Network.enable", Map.of());
        browser.driver().executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
        browser.signIn(
                TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER)
                        .email(),
                TestUsers.PASSWORD);
        List<String> loaded = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            browser.go(PAGES.get(i % PAGES.size()));
            @SuppressWarnings("unchecked")
            List<String> statuses = (List<String>) browser.driver().executeScript(STATUSES);
            assertThat(statuses).as("page %d loads its assets", i + 1).hasSizeGreaterThanOrEqualTo(5);
            loaded.addAll(statuses);
        }
        assertThat(loaded).hasSizeGreaterThanOrEqualTo(100).allMatch(status -> status.startsWith("200 "));
        assertThat(browser.consoleProblems()).isEmpty();
    }
}
