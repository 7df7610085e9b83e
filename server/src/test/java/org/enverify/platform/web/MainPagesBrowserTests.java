package org.enverify.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.enverify.account.Memberships;
import org.enverify.account.User;
import org.enverify.account.Users;
import org.enverify.realm.Permission;
import org.enverify.realm.Realms;
import org.enverify.support.Browser;
import org.enverify.support.BrowserTest;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;

/**
 * The main pages in Chromium: usable with the keyboard, every field labelled, no script error or
 * Content-Security-Policy violation in the console, and in Spanish for a browser that asks for it.
 */
@BrowserTest
@EnverifyIntegrationTest
class MainPagesBrowserTests {

    private static final List<String> PUBLIC_PAGES = List.of("/login", "/login/forgot-password");

    private static final List<String> SIGNED_IN_PAGES = List.of(
            "/codes/issue",
            "/codes/status",
            "/realm/users",
            "/realm/users/new",
            "/realm/apikeys",
            "/realm/settings",
            "/account",
            "/admin/realms",
            "/admin/users",
            "/admin/mail");

    /** Fields without a {@code label[for]}, labels naming no field or saying nothing, and ids used twice. */
    private static final String LABEL_PROBLEMS = """
            const problems = [];
            const counts = new Map();
            document.querySelectorAll('[id]').forEach(e => counts.set(e.id, (counts.get(e.id) || 0) + 1));
            counts.forEach((n, id) => { if (n > 1) problems.push('id ' + id + ' is used ' + n + ' times'); });
            document.querySelectorAll('input:not([type=hidden]), select, textarea').forEach(field => {
              const label = field.id && document.querySelector('label[for="' + CSS.escape(field.id) + '"]');
              if (!label) problems.push('no label[for] for ' + field.outerHTML);
            });
            document.querySelectorAll('label').forEach(label => {
              if (!label.htmlFor || !document.getElementById(label.htmlFor)) problems.push('label names no field: ' + label.outerHTML);
              if (!label.textContent.trim()) problems.push('empty label: ' + label.outerHTML);
            });
            return problems;
            """;

    @RegisterExtension
    final Browser browser = new Browser();

    @RegisterExtension
    final Browser spanish = new Browser("es");

    @LocalServerPort
    int port;

    @Autowired
    Realms realms;

    @Autowired
    Users users;

    @Autowired
    Memberships memberships;

    @Autowired
    MessageSource messages;

    User admin;

    @BeforeEach
    void setUp(TestRealm realm) {
        admin = TestUsers.systemAdmin(users);
        memberships.setPermissions(Memberships.Granter.system(), realm.id(), admin.id(), Permission.REALM_ADMIN);
    }

    @Test
    void theSignInFormWorksWithTheKeyboardAlone() {
        browser.open(port).go("/login");
        assertThat(browser.driver().switchTo().activeElement().getAttribute("id"))
                .as("the email field has the focus")
                .isEqualTo("email");
        new Actions(browser.driver())
                .sendKeys(admin.email())
                .sendKeys(Keys.TAB)
                .sendKeys(TestUsers.PASSWORD)
                .sendKeys(Keys.ENTER)
                .perform();
        browser.waitUntil(driver -> !browser.path().equals("/login"));
        assertThat(browser.path()).isEqualTo("/codes/issue");
        assertThat(browser.text("main h1")).isEqualTo(message("issue.title", Locale.ENGLISH));
    }

    @Test
    void everyFieldOfTheMainPagesHasItsLabel() {
        browser.open(port);
        Map<String, Object> problems = new LinkedHashMap<>();
        PUBLIC_PAGES.forEach(page -> problems.put(page, labelProblems(page)));
        browser.signIn(admin.email(), TestUsers.PASSWORD);
        SIGNED_IN_PAGES.forEach(page -> problems.put(page, labelProblems(page)));
        assertThat(problems)
                .allSatisfy(
                        (page, found) -> assertThat((List<?>) found).as(page).isEmpty());
    }

    /** The page's fields without a label, read once the page holds still: htmx may still be swapping a part in. */
    private Object labelProblems(String page) {
        browser.go(page);
        return browser.waitUntil(driver -> {
            try {
                return ((JavascriptExecutor) driver).executeScript(LABEL_PROBLEMS);
            } catch (WebDriverException e) {
                return null; // the document changed under the script: read it again
            }
        });
    }

    @Test
    void theMainPagesShowNoScriptErrorsOrBlockedContent() {
        browser.open(port);
        Map<String, List<String>> problems = new LinkedHashMap<>();
        for (String page : PUBLIC_PAGES) {
            problems.put(page, visit(page));
        }
        browser.signIn(admin.email(), TestUsers.PASSWORD);
        for (String page : SIGNED_IN_PAGES) {
            problems.put(page, visit(page));
        }
        assertThat(problems)
                .allSatisfy((page, found) -> assertThat(found).as(page).isEmpty());
    }

    @Test
    void aBrowserThatAsksForSpanishGetsThePagesInSpanish() {
        spanish.open(port).go("/login");
        assertThat(spanish.find("html").getAttribute("lang")).isEqualTo("es");
        assertThat(spanish.text("main h1")).isEqualTo(message("login.title", Locale.of("es")));
        spanish.signIn(admin.email(), TestUsers.PASSWORD);
        assertThat(spanish.text("main h1")).isEqualTo(message("issue.title", Locale.of("es")));
        assertThat(spanish.find("nav form[action$='/logout'] button").getAttribute("textContent"))
                .isEqualTo(message("nav.signOut", Locale.of("es")));
        spanish.screenshot("issue-es");
        spanish.go("/realm/settings");
        assertThat(spanish.text("main h2")).isEqualTo(message("settings.section.general", Locale.of("es")));
        spanish.screenshot("settings-es");
    }

    /** Opens a page, keeps a screenshot of it, and returns what the console reported. */
    private List<String> visit(String page) {
        browser.go(page);
        browser.screenshot(page.substring(1).replace('/', '-'));
        return browser.consoleProblems();
    }

    private String message(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }
}
