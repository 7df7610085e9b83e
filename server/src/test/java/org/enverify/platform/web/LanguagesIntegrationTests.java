package org.enverify.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.enverify.account.Memberships;
import org.enverify.account.User;
import org.enverify.account.Users;
import org.enverify.apikey.ApiKeys;
import org.enverify.realm.Permission;
import org.enverify.realm.Realms;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.enverify.support.UiClient;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The language of a page: {@code ?lang=}, then the person's saved choice, then the cookie, then the browser's
 * languages, then English; Arabic right to left; and no English left on a page shown in another language.
 */
@EnverifyIntegrationTest
class LanguagesIntegrationTests {

    /** Pages of a realm member who holds every permission, as a case worker and a realm administrator see them. */
    private static final List<String> REALM_PAGES = List.of(
            "/codes/issue",
            "/codes/status",
            "/codes/bulk-issue",
            "/realm/stats",
            "/realm/users",
            "/realm/apikeys",
            "/realm/mobile-apps",
            "/realm/settings",
            "/realm/keys",
            "/realm/sms",
            "/realm/webhooks",
            "/realm/user-reports",
            "/realm/mail",
            "/realm/events",
            "/account",
            "/account/mfa");

    /** Words of the layout and navigation that must never show untranslated, whatever the message files say. */
    private static final List<String> ENGLISH_ONLY = List.of(
            "Skip to content",
            "Main navigation",
            "Issue a code",
            "Switch realm",
            "Sign out",
            "Settings",
            "Statistics",
            "Language",
            "Look up a code",
            "Your account",
            "Save");

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    Memberships memberships;

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Nested
    class WithoutSigningIn {

        @Test
        void theBrowsersFirstOfferedLanguageChoosesElseEnglish() {
            assertThat(lang(new UiClient(port).get("/login"))).isEqualTo("en");
            assertThat(lang(browser("de-CH,de;q=0.9,en;q=0.5").get("/login"))).isEqualTo("de");
            assertThat(lang(browser("sv-SE,sv;q=0.9,fr;q=0.8,en;q=0.5").get("/login")))
                    .as("the first language the UI offers, by weight")
                    .isEqualTo("fr");
            assertThat(lang(browser("sv-SE,nl;q=0.9").get("/login")))
                    .as("none offered")
                    .isEqualTo("en");
            assertThat(lang(browser("not a language;;q=x").get("/login"))).isEqualTo("en");
        }

        @Test
        void langChoosesAndTheCookieKeepsTheChoiceBeforeTheBrowsersLanguages() {
            UiClient browser = browser("de");
            UiClient.Page chosen = browser.get("/login?lang=fr");
            assertThat(lang(chosen)).isEqualTo("fr");
            assertThat(chosen.header("Set-Cookie")).contains("ENVERIFY_LANG=fr");
            assertThat(lang(browser.get("/login"))).as("kept by the cookie").isEqualTo("fr");

            assertThat(lang(browser.get("/login?lang=xx")))
                    .as("a language not offered changes nothing")
                    .isEqualTo("fr");
            assertThat(lang(browser.get("/login?lang=pt-BR%3Cscript%3E"))).isEqualTo("fr");
            assertThat(lang(browser.get("/login?lang=es-MX")))
                    .as("the language without its region")
                    .isEqualTo("es");
        }

        @Test
        void arabicIsWrittenRightToLeftWithBootstrapsRightToLeftStylesheet() {
            Document arabic = new UiClient(port).get("/login?lang=ar").html();
            assertThat(arabic.select("html").attr("lang")).isEqualTo("ar");
            assertThat(arabic.select("html").attr("dir")).isEqualTo("rtl");
            assertThat(arabic.select("link[rel=stylesheet]").eachAttr("href"))
                    .anyMatch(href -> href.contains("/bootstrap.rtl.min"))
                    .noneMatch(href -> href.contains("/bootstrap.min"));
            assertThat(arabic.select("h1").text()).isEqualTo("تسجيل الدخول");

            Document english = new UiClient(port).get("/login?lang=en").html();
            assertThat(english.select("html").attr("dir")).isEqualTo("ltr");
            assertThat(english.select("link[rel=stylesheet]").eachAttr("href"))
                    .noneMatch(href -> href.contains(".rtl."));
        }

        @Test
        void thePickerOffersEveryLanguageInItselfAndMarksTheCurrentOne() {
            Document page = new UiClient(port).get("/login?lang=de").html();
            List<String> links = page.select(".language-picker a").eachAttr("href");
            assertThat(links).contains("?lang=ar", "?lang=de", "?lang=en", "?lang=es", "?lang=fr");
            assertThat(page.select(".language-picker a[hreflang=fr]").text()).isEqualTo("Français");
            assertThat(page.select(".language-picker a[hreflang=ar]").attr("lang"))
                    .isEqualTo("ar");
            assertThat(page.select(".language-picker a[aria-current]").attr("hreflang"))
                    .isEqualTo("de");
            assertThat(page.select(".language-picker summary").text()).contains("Deutsch");
        }
    }

    @Nested
    class SignedIn {

        @Test
        void thePickersChoiceIsSavedAndComesBeforeTheCookieAndTheBrowser() {
            TestRealm realm = TestRealm.create(realms, apiKeys, Map.of("mfa_mode", "optional"));
            User member = TestUsers.member(users, memberships, realm.id(), EnumSet.of(Permission.CODE_ISSUE));
            UiClient office = browser("en");
            office.signIn(member.email(), TestUsers.PASSWORD);
            assertThat(lang(office.get("/codes/issue"))).isEqualTo("en");
            assertThat(users.find(member.id()).orElseThrow().language()).isNull();

            assertThat(lang(office.get("/codes/issue?lang=fr"))).isEqualTo("fr");
            assertThat(users.find(member.id()).orElseThrow().language()).isEqualTo("fr");

            UiClient home = browser("de");
            assertThat(lang(home.get("/login")))
                    .as("signed out: the browser's language")
                    .isEqualTo("de");
            home.signIn(member.email(), TestUsers.PASSWORD);
            assertThat(lang(home.get("/codes/issue")))
                    .as("the saved choice, on another browser without the cookie")
                    .isEqualTo("fr");

            assertThat(lang(home.get("/codes/issue?lang=ar")))
                    .as("?lang= comes first")
                    .isEqualTo("ar");
            assertThat(users.find(member.id()).orElseThrow().language()).isEqualTo("ar");
            assertThat(lang(office.get("/codes/issue")))
                    .as("the new saved choice, before the first browser's older cookie")
                    .isEqualTo("ar");
        }

        @ParameterizedTest
        @ValueSource(strings = {"ar", "de", "es", "fr", "it", "pt"})
        void noPageShowsEnglishInAnotherLanguage(String language) throws IOException {
            TestRealm realm =
                    TestRealm.create(realms, apiKeys, Map.of("allow_bulk_upload", "true", "mfa_mode", "optional"));
            User member = TestUsers.member(users, memberships, realm.id(), EnumSet.allOf(Permission.class));
            UiClient browser = browser(language);
            browser.signIn(member.email(), TestUsers.PASSWORD);

            Set<String> english = englishOnlyPhrases(language);
            List<String> found = new ArrayList<>();
            for (String path : REALM_PAGES) {
                UiClient.Page page = browser.get(path);
                assertThat(page.status()).as(path).isEqualTo(200);
                assertThat(lang(page)).as(path).isEqualTo(language);
                String shown = shownText(page.html());
                for (String phrase : english) {
                    if (shown.contains(phrase)) {
                        found.add(path + ": " + phrase);
                    }
                }
            }
            assertThat(found).as("English on pages in " + language).isEmpty();

            String inEnglish = shownText(browser.get("/codes/issue?lang=en").html());
            assertThat(english).as("the check finds English where it is").anyMatch(inEnglish::contains);
        }
    }

    private UiClient browser(String acceptLanguage) {
        return new UiClient(port).header("Accept-Language", acceptLanguage);
    }

    private static String lang(UiClient.Page page) {
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        return page.html().select("html").attr("lang");
    }

    /** What a person reads or hears: the text, and the labels, titles and placeholders of elements. */
    private static String shownText(Document page) {
        StringBuilder shown = new StringBuilder(page.text());
        for (Element element : page.select("[aria-label], [title], [placeholder], [alt]")) {
            for (String attribute : List.of("aria-label", "title", "placeholder", "alt")) {
                shown.append('\n').append(element.attr(attribute));
            }
        }
        return shown.toString();
    }

    /**
     * The known list: the layout's words, and every English text of three words or more whose translation differs
     * (a text shown in English on such a page is one a template wrote by hand or a key the language lacks).
     */
    private static Set<String> englishOnlyPhrases(String language) throws IOException {
        Properties english = load("messages.properties");
        Properties translated = load("messages_" + language + ".properties");
        Set<String> phrases = new TreeSet<>(ENGLISH_ONLY);
        for (String key : english.stringPropertyNames()) {
            String text = english.getProperty(key);
            if (!text.contains("{")
                    && !text.contains("'")
                    && text.split(" ").length >= 3
                    && !text.equals(translated.getProperty(key))) {
                phrases.add(text);
            }
        }
        return phrases;
    }

    private static Properties load(String file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources", file), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
