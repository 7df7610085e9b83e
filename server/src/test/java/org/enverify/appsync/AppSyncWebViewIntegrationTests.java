package org.enverify.appsync;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.enverify.apikey.ApiKeys;
import org.enverify.mobileapp.MobileApps;
import org.enverify.platform.net.OutboundUrls;
import org.enverify.realm.RealmBranding;
import org.enverify.realm.Realms;
import org.enverify.support.ApiClient;
import org.enverify.support.ApiClient.Response;
import org.enverify.support.MessagingIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.TestRealm;
import org.enverify.support.ThirdParties;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionOperations;

/** The user-report web view in what app sync copied from a feed that WireMock serves. */
@MessagingIntegrationTest
class AppSyncWebViewIntegrationTests {

    private static final String HOST = "en.example.org";

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    RealmBranding branding;

    @Autowired
    MobileApps mobileApps;

    @Autowired
    TransactionOperations transactions;

    @Autowired
    OutboundUrls urls;

    @Autowired
    MutableClock clock;

    ApiClient page;
    String region;
    TestRealm realm;

    @BeforeEach
    void realmWithRegion(ApiClient api) {
        page = api.onHost(HOST);
        region = "WV-" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
        realm = TestRealm.create(
                realms,
                apiKeys,
                Map.of(
                        "region_code", region,
                        "allowed_test_types", "confirmed,user-report",
                        "allow_user_report_web_view", "true"));
    }

    @AfterEach
    void reset() {
        ThirdParties.server().resetAll();
    }

    private void sync(String feed) {
        ThirdParties.server().stubFor(get(urlEqualTo("/appsync/" + region)).willReturn(okJson(feed)));
        new AppSync(
                        new AppSyncSettings(
                                ThirdParties.server().baseUrl() + "/appsync/" + region,
                                4_000_000,
                                Duration.ofSeconds(20)),
                        realms,
                        branding,
                        mobileApps,
                        transactions,
                        urls)
                .run(clock.instant());
    }

    private Response open(String acceptLanguage) {
        return page.get(
                "/report",
                Map.of("X-API-Key", realm.deviceKey(), "X-Nonce", nonce(), "Accept-Language", acceptLanguage));
    }

    private static String nonce() {
        byte[] bytes = new byte[256];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void thePageShowsTheAgencysColorLogoLanguageAndWording() {
        sync("""
                {"apps": [{"region": "%s", "agency_color": "#1A73E8", "agency_image": "https://images.example.org/pha/logo.png",
                  "default_locale": "es", "web_report_learn_more_url": "https://example.org/learn",
                  "localizations": [
                    {"msgid": "webReportIntroMessage", "translations": [
                      {"lang": "en", "message": "Tell the Example Health Agency"},
                      {"lang": "es", "message": "Avise a la Agencia de Salud"},
                      {"lang": "nl", "message": "Waarschuw het gezondheidsagentschap"}]},
                    {"msgid": "agencyDisplayName", "translations": [{"lang": "en", "message": "Example Health"}]}]}]}""".formatted(region));

        Response english = open("en-US,en;q=0.8");
        assertThat(english.status()).as(english.body()).isEqualTo(200);
        Document html = Jsoup.parse(english.body());
        assertThat(html.select("html").attr("lang")).isEqualTo("en");
        assertThat(html.select(".agency-logo img").attr("src")).isEqualTo("https://images.example.org/pha/logo.png");
        assertThat(html.select(".agency-logo img").attr("alt")).isEqualTo("Example Health");
        assertThat(html.select("style").html()).isEqualTo(".agency-logo{background-color:#1a73e8}");
        assertThat(html.select("meta[name=theme-color]").attr("content")).isEqualTo("#1a73e8");
        assertThat(html.select(".intro").text()).isEqualTo("Tell the Example Health Agency");
        assertThat(html.select("a.learn-more").attr("href")).isEqualTo("https://example.org/learn");
        assertThat(english.header("Content-Security-Policy"))
                .contains("img-src 'self' data: https://images.example.org;")
                .contains("style-src 'self' 'sha256-")
                .contains("frame-ancestors 'none'");

        Document swedish = Jsoup.parse(open("sv-SE,sv;q=0.9").body());
        assertThat(swedish.select("html").attr("lang"))
                .as("a language nobody offers gets the agency's default locale")
                .isEqualTo("es");
        assertThat(swedish.select("h1").text()).isEqualTo("Notificar un resultado positivo");
        assertThat(swedish.select(".intro").text()).isEqualTo("Avise a la Agencia de Salud");

        Document dutch = Jsoup.parse(open("nl-BE,nl;q=0.9").body());
        assertThat(dutch.select("html").attr("lang"))
                .as("a language only the agency's translations offer")
                .isEqualTo("nl");
        assertThat(dutch.select(".intro").text()).isEqualTo("Waarschuw het gezondheidsagentschap");
        assertThat(dutch.select("h1").text())
                .as("the server's own texts fall back to English")
                .isEqualTo("Report a positive test");

        Document french = Jsoup.parse(open("fr-CA,fr;q=0.9").body());
        assertThat(french.select("html").attr("lang"))
                .as("a language of the web view's own messages")
                .isEqualTo("fr");
        assertThat(french.select("h1").text()).isEqualTo("Déclarer un test positif");
        assertThat(french.select("html").attr("dir")).isEqualTo("ltr");

        Document persian = Jsoup.parse(open("fa-IR,fa;q=0.9").body());
        assertThat(persian.select("html").attr("lang")).isEqualTo("fa");
        assertThat(persian.select("html").attr("dir"))
                .as("written right to left")
                .isEqualTo("rtl");
        assertThat(persian.select("h1").text()).isEqualTo("گزارش نتیجهٔ مثبت آزمایش");
    }

    @Test
    void withoutSyncedBrandingThePageKeepsItsOwnLookAndPolicy() {
        sync("""
                {"apps": [{"region": "%s", "agency_color": "not-a-color", "agency_image": "http://example.org/logo.png"}]}""".formatted(region));

        Response english = open("en");
        Document html = Jsoup.parse(english.body());
        assertThat(english.status()).isEqualTo(200);
        assertThat(html.select(".agency-logo")).isEmpty();
        assertThat(html.select("style")).isEmpty();
        assertThat(html.select(".intro").text()).startsWith("If you tested positive");
        assertThat(english.header("Content-Security-Policy"))
                .isEqualTo("default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; object-src 'none';"
                        + " base-uri 'self'");
    }
}
