package org.enverify.redirect;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.enverify.apikey.ApiKeys;
import org.enverify.mobileapp.MobileApps;
import org.enverify.platform.Actor;
import org.enverify.realm.Realms;
import org.enverify.support.ApiClient;
import org.enverify.support.HostNamesIntegrationTest;
import org.enverify.support.TestApps;
import org.enverify.support.TestRealm;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An EN Express realm's SMS carries its link, and the redirect role answers that link as upstream does: iPhones
 * go into the operating system's EN Express (or the App Store when the realm has an iOS app), Android phones
 * into the realm's app with the Play Store as fallback, and a computer gets a page saying to open it on the phone.
 */
@HostNamesIntegrationTest
class EnExpressLinksIntegrationTests {

    static final String ANDROID = AppLinksIntegrationTests.ANDROID;
    static final String IPHONE = AppLinksIntegrationTests.IPHONE;
    static final String DESKTOP = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/120.0.0.0 Safari/537.36";
    static final String PLAY = AppLinksIntegrationTests.PLAY;
    static final String APP_STORE = AppLinksIntegrationTests.APP_STORE;
    static final Pattern LINK = Pattern.compile("https://([a-z0-9.-]+)(/v\\?c=([a-z0-9]+))");

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    MobileApps apps;

    ApiClient api;
    ApiClient main;
    TestRealm realm;
    String region;

    @BeforeEach
    void setUp(ApiClient api) {
        this.api = api;
        main = api.onHost(HostNamesIntegrationTest.SUFFIX);
        region = "E-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        realm = TestRealm.create(
                realms,
                apiKeys,
                Map.of(
                        "region_code", region,
                        "enable_en_express", "true",
                        "allow_generated_sms", "true",
                        "require_date", "false"));
    }

    private String generatedSms() {
        ApiClient.Response issued = main.post(
                "/api/issue",
                realm.adminKey(),
                Map.of("testType", "confirmed", "phone", "+12065550100", "onlyGenerateSMS", true));
        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
        return issued.json().path("generatedSMS").asString();
    }

    /** Opens the link on its own host with this user agent: the 303 target, or the status and page text. */
    private String open(String link, String userAgent) {
        return answer(get(link, Map.of("User-Agent", userAgent)));
    }

    /** Sends the link as written, malformed escapes included, to its host. */
    private ApiClient.Response get(String link, Map<String, String> headers) {
        String rest = link.substring("https://".length());
        int path = rest.indexOf('/');
        return api.onHost(rest.substring(0, path)).get(rest.substring(path), headers);
    }

    private static String answer(ApiClient.Response response) {
        if (response.status() == 303) {
            return response.header("Location");
        }
        assertThat(response.header("Content-Type")).startsWith("text/html");
        return response.status() + " "
                + Jsoup.parse(response.body()).select("#answer").text();
    }

    @Test
    void theSmsCarriesTheRealmsLinkWithTheLongCode() {
        String sms = generatedSms();

        Matcher link = LINK.matcher(sms);
        assertThat(link.find()).as(sms).isTrue();
        assertThat(link.group(1)).isEqualTo(region.toLowerCase() + "." + HostNamesIntegrationTest.REDIRECT_DOMAIN);
        assertThat(link.group(3)).as("the long code").hasSize(16);
        assertThat(sms)
                .isEqualTo("Your Exposure Notifications verification link: " + link.group()
                        + " Expires in 24 hours (click for mobile device only)");

        ApiClient.Response verified = main.post("/api/verify", realm.deviceKey(), Map.of("code", link.group(3)));
        assertThat(verified.status()).as("the link's code is the realm's code").isEqualTo(200);
        assertThat(verified.json().path("testtype").asString()).isEqualTo("confirmed");
    }

    @Test
    void theLinkSendsEachDeviceToItsTarget() {
        String link = link();
        String code = URI.create(link).getRawQuery();

        assertThat(open(link, IPHONE)).as("EN Express on iOS").isEqualTo("ens://v?" + code + "&r=" + region);
        assertThat(open(link, ANDROID))
                .as("no Android app: the Android EN Express picker")
                .isEqualTo("ensonboarding://picker/" + region.toLowerCase());
        assertThat(open(link, DESKTOP))
                .isEqualTo("404 To redeem an Exposure Notifications code, visit the link on your mobile device.");

        apps.add(
                realm.id(),
                TestApps.android("Notify Android", "org.example.notify", PLAY, TestApps.FINGERPRINT),
                Actor.system());
        apps.add(realm.id(), TestApps.ios("Notify iOS", "ABCDE12345.org.example.notify", APP_STORE), Actor.system());
        assertThat(open(link, ANDROID))
                .as("into the app, or the Play Store when it is not installed")
                .isEqualTo("intent://v?" + code + "&r=" + region + "#Intent;scheme=ens;package=org.example.notify"
                        + ";action=android.intent.action.VIEW;category=android.intent.category.BROWSABLE"
                        + ";S.browser_fallback_url=https%3A%2F%2Fplay.google.com%2Fstore%2Fapps%2Fdetails%3Fid%3D"
                        + "org.example.notify;end");
        assertThat(open(link, IPHONE))
                .as("an installed app takes the link before the browser does: here it is not installed")
                .isEqualTo(APP_STORE);
    }

    @Test
    void aRegionWithoutARealmGetsAClearPage() {
        String unknown = "https://zz-none." + HostNamesIntegrationTest.REDIRECT_DOMAIN + "/v?c=abcdefgh12345678";
        for (String agent : new String[] {IPHONE, ANDROID, DESKTOP}) {
            assertThat(open(unknown, agent))
                    .as(agent)
                    .isEqualTo("404 This link belongs to no health authority served here. Check that you opened the"
                            + " whole link from your text message.");
        }
    }

    @Test
    void aLinkWithoutAUsableCodeGetsAClearPage() {
        String host = "https://" + region.toLowerCase() + "." + HostNamesIntegrationTest.REDIRECT_DOMAIN;
        String broken = "400 This link is incomplete or damaged. Open the link in your text message again, or enter"
                + " your verification code in the Exposure Notifications settings of your phone.";
        for (String query :
                new String[] {"c=", "x=1", "c=%3Cscript%3E", "c=%E2%82%AC", "c=" + "a".repeat(65), "c=1&c=2"}) {
            for (String agent : new String[] {IPHONE, ANDROID, DESKTOP}) {
                assertThat(open(host + "/v?" + query, agent))
                        .as(query + " " + agent)
                        .isEqualTo(broken);
            }
        }
    }

    @Test
    void thePagesSpeakTheBrowsersLanguage() {
        ApiClient.Response page = get(link(), Map.of("User-Agent", DESKTOP, "Accept-Language", "es-MX,es;q=0.9"));
        assertThat(answer(page))
                .isEqualTo("404 Para canjear un código de Notificaciones de exposición, abra el enlace en su teléfono"
                        + " móvil.");
        assertThat(Jsoup.parse(page.body()).select("html").attr("lang")).isEqualTo("es");
    }

    private String link() {
        Matcher link = LINK.matcher(generatedSms());
        assertThat(link.find()).isTrue();
        return link.group();
    }
}
