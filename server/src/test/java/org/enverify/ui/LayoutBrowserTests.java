package org.enverify.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.enverify.account.Memberships;
import org.enverify.account.User;
import org.enverify.account.Users;
import org.enverify.apikey.ApiKeys;
import org.enverify.realm.Permission;
import org.enverify.realm.Realm;
import org.enverify.realm.Realms;
import org.enverify.support.Browser;
import org.enverify.support.BrowserTest;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.enverify.support.UiLanguages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The layout in Chromium, measured rather than looked at: the navigation on one line on a 1280-pixel screen and
 * nothing wider than a 390-pixel phone, for system admins, realm admins and case workers, in every language the UI
 * has; the realm's name and region on every realm page; and axe-core finding no violation on any page in English,
 * Arabic and German.
 */
@BrowserTest
@EnverifyIntegrationTest
class LayoutBrowserTests {

    private static final List<String> PAGE_LANGUAGES = List.of("en", "ar", "de");

    private static final int DESKTOP = 1280;
    private static final int PHONE = 390;

    /** Top-level items of the navigation bar that do not share the brand's line, and menus that leave the screen. */
    private static final String NAVIGATION_PROBLEMS = """
            const problems = [];
            const bar = document.querySelector('.app-nav-bar');
            const brand = bar.querySelector('.app-brand').getBoundingClientRect();
            const items = [...bar.querySelectorAll(':scope > details, .app-nav-items > li')];
            items.forEach(item => {
              const box = item.getBoundingClientRect();
              if (box.top >= brand.bottom || box.bottom <= brand.top) {
                problems.push('on a line of its own: ' + item.textContent.trim().replace(/\\s+/g, ' '));
              }
            });
            if (bar.scrollWidth > bar.clientWidth) problems.push('the bar is cut: ' + bar.scrollWidth + ' > ' + bar.clientWidth);
            return problems;
            """;

    /** How far the page is wider than the screen, in CSS pixels, and the widest elements that make it so. */
    private static final String SIDEWAYS_OVERFLOW = """
            const screen = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth <= screen) return [];
            return [...document.querySelectorAll('body *')]
              .filter(e => e.getBoundingClientRect().right > screen + 1 && e.getClientRects().length > 0)
              .slice(0, 5)
              .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + e.className
                + ' right=' + Math.round(e.getBoundingClientRect().right) + ' > ' + screen);
            """;

    @RegisterExtension
    final Browser browser = new Browser();

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
    MessageSource messages;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    TestRealm realm;
    User systemAdmin;

    @BeforeEach
    void setUp() {
        String region = "X" + UUID.randomUUID().toString().substring(0, 4).toUpperCase(java.util.Locale.ROOT);
        realm = TestRealm.create(realms, apiKeys, Map.of("require_date", "false", "region_code", "US-" + region));
        systemAdmin = TestUsers.systemAdmin(users);
        memberships.setPermissions(Memberships.Granter.system(), realm.id(), systemAdmin.id(), Permission.REALM_ADMIN);
    }

    @Test
    void theNavigationFitsOneLineOnADesktopForEveryRoleInEveryLanguage() {
        Map<String, Set<Permission>> roles = new LinkedHashMap<>();
        roles.put("realm admin", Permission.REALM_ADMIN);
        roles.put("case worker", Permission.CASE_WORKER);
        Map<String, String> emails = new LinkedHashMap<>();
        emails.put("system admin", systemAdmin.email());
        roles.forEach((role, permissions) -> emails.put(
                role,
                TestUsers.member(users, memberships, realm.id(), permissions).email()));
        browser.open(port).viewport(DESKTOP, 900, false);
        Map<String, List<String>> problems = new LinkedHashMap<>();
        emails.forEach((role, email) -> {
            browser.signIn(email, TestUsers.PASSWORD);
            for (String language : UiLanguages.all()) {
                browser.go("/account?lang=" + language);
                problems.put(role + " in " + language, navigationProblems());
                browser.viewport(PHONE, 844, true);
                problems.put(role + " in " + language + " on a phone", sidewaysOverflowWithEveryMenuOpen());
                browser.screenshot(role.replace(' ', '-') + "-" + language + "-phone");
                browser.viewport(DESKTOP, 900, false);
                browser.screenshot(role.replace(' ', '-') + "-" + language);
            }
            browser.signOut();
        });
        assertThat(problems)
                .allSatisfy((where, found) -> assertThat(found).as(where).isEmpty());
    }

    @Test
    void everyRealmPageShowsTheRealmsNameAndRegion() {
        Realm shown = realms.find(realm.id()).orElseThrow();
        browser.open(port).signIn(systemAdmin.email(), TestUsers.PASSWORD);
        Map<String, String> banners = new LinkedHashMap<>();
        for (String page : pages()) {
            if (page.startsWith("/realm") || page.startsWith("/codes")) {
                browser.go(page);
                banners.put(page, browser.findAll(".realm-banner").isEmpty() ? "" : browser.text(".realm-banner"));
            }
        }
        assertThat(banners)
                .isNotEmpty()
                .allSatisfy((page, banner) ->
                        assertThat(banner).as(page).contains(shown.name()).contains(shown.regionCode()));
    }

    @Test
    void auditTimesAreShownInTheViewersTimeZoneWithTheUtcTimeOnHover() {
        browser.open(port);
        browser.driver()
                .executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "America/Los_Angeles"));
        browser.signIn(systemAdmin.email(), TestUsers.PASSWORD).go("/realm/events");
        WebElement time = browser.find("time[data-local-time]");
        assertThat(time.getAttribute("title")).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC");
        assertThat(time.getText()).isNotBlank().doesNotContain("UTC").isNotEqualTo(time.getAttribute("title"));
        int hour = Instant.parse(time.getAttribute("datetime"))
                .atZone(ZoneId.of("America/Los_Angeles"))
                .getHour();
        assertThat(time.getText())
                .as("the hour in Los Angeles, on a 12-hour clock in English")
                .contains(", " + (hour % 12 == 0 ? 12 : hour % 12) + ":");
    }

    /**
     * Every page in English, in Arabic (right to left) and in German (the longest words): the navigation test above
     * covers every language, and a page takes seconds, so all fourteen would make this test alone half an hour.
     */
    @Test
    void noPageIsWiderThanAPhoneAndAxeFindsNoViolationOnAnyPageLeftToRightOrRightToLeft() {
        browser.open(port).signIn(systemAdmin.email(), TestUsers.PASSWORD);
        Map<String, List<String>> problems = new LinkedHashMap<>();
        for (String language : PAGE_LANGUAGES) {
            browser.go("/account?lang=" + language);
            for (String page : pages()) {
                browser.viewport(DESKTOP, 900, false).go(page);
                if (!"text/html".equals(browser.driver().executeScript("return document.contentType"))) {
                    continue;
                }
                List<String> found = new ArrayList<>(axeViolations());
                browser.viewport(PHONE, 844, true);
                found.addAll(sidewaysOverflow());
                problems.put(page + " in " + language, found);
            }
        }
        assertThat(problems)
                .allSatisfy((where, found) -> assertThat(found).as(where).isEmpty());
    }

    @SuppressWarnings("unchecked")
    private List<String> navigationProblems() {
        return (List<String>) browser.driver().executeScript(NAVIGATION_PROBLEMS);
    }

    @SuppressWarnings("unchecked")
    private List<String> sidewaysOverflow() {
        return (List<String>) browser.driver().executeScript(SIDEWAYS_OVERFLOW);
    }

    /** Opens each menu of the navigation in turn, as someone on a phone would, and measures the page each time. */
    private List<String> sidewaysOverflowWithEveryMenuOpen() {
        List<String> found = new ArrayList<>(sidewaysOverflow());
        for (WebElement summary : browser.findAll("nav details.app-menu > summary")) {
            summary.click();
            found.addAll(sidewaysOverflow());
            summary.click();
        }
        return found;
    }

    private List<String> axeViolations() {
        // legacy mode runs axe in the page itself; the default opens a second window, which headless Chromium may not
        // answer in time
        Results results = new AxeBuilder().setLegacyMode(true).analyze(browser.driver());
        List<String> violations = new ArrayList<>();
        for (Rule rule : results.getViolations()) {
            rule.getNodes().forEach(node -> violations.add(rule.getId() + ": " + node.getTarget()));
        }
        return violations;
    }

    /** The web UI's pages: every route of a page controller that a browser opens without naming an object (not downloads). */
    private Set<String> pages() {
        Set<String> pages = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping :
                mappings.getHandlerMethods().entrySet()) {
            Set<RequestMethod> methods = mapping.getKey().getMethodsCondition().getMethods();
            if (!mapping.getValue().getBeanType().isAnnotationPresent(UiController.class)
                    || !(methods.isEmpty() || methods.contains(RequestMethod.GET))) {
                continue;
            }
            mapping.getKey().getPatternValues().stream()
                    .filter(path -> !path.contains("{") && !path.equals("/logout"))
                    .filter(path -> !path.endsWith(".csv") && !path.endsWith(".json"))
                    .forEach(pages::add);
        }
        pages.add("/realm/stats/users/" + systemAdmin.id());
        return pages;
    }
}
