package org.enverify.redirect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.enverify.apikey.ApiKeys;
import org.enverify.mobileapp.MobileApp;
import org.enverify.mobileapp.MobileApps;
import org.enverify.mobileapp.NewMobileApp;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The redirect role on app-link hosts: {@code <region>.en.example.org} and {@code links.example.net}
 * (region {@code LNK-1}) serve the association files of the realm with that region and redirect
 * phones by their user agent; the bare redirect domain names no realm.
 */
@HostNamesIntegrationTest
class AppLinksIntegrationTests {

    static final String ANDROID = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/120.0.0.0 Mobile Safari/537.36";
    static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15"
            + " (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1";
    static final String MACINTOSH = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15"
            + " (KHTML, like Gecko) Version/17.1 Safari/605.1.15";
    static final String CURL = "curl/8.5.0";
    static final String PLAY = "https://play.google.com/store/apps/details?id=org.example.notify";
    static final String APP_STORE = "https://apps.apple.com/us/app/notify/id1234567890";
    static final String FINGERPRINT = TestApps.FINGERPRINT;

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    MobileApps apps;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    TestRealm realm;
    String region;
    ApiClient onRegion;

    @BeforeEach
    void setUp(ApiClient api) {
        this.api = api;
        region = "T-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        realm = TestRealm.create(realms, apiKeys, Map.of("region_code", region));
        onRegion = api.onHost(region.toLowerCase() + ".en.example.org");
    }

    private MobileApp android(String name, String appId, String url, String... fingerprints) {
        return apps.add(realm.id(), TestApps.android(name, appId, url, fingerprints), Actor.system());
    }

    private MobileApp ios(String name, String appId, String url) {
        return apps.add(realm.id(), TestApps.ios(name, appId, url), Actor.system());
    }

    private static String location(ApiClient client, String path, String userAgent) {
        ApiClient.Response response = client.get(path, Map.of("User-Agent", userAgent));
        return response.status() == 303 ? response.header("Location") : Integer.toString(response.status());
    }

    @Test
    void theAppleFileListsOnlyTheRealmsEnabledIosApps() {
        ios("Notify", "ABCDE12345.org.example.notify", APP_STORE);
        ios("Notify beta", "ABCDE12345.org.example.notify.beta", null);
        apps.disable(realm.id(), ios("Old", "ABCDE12345.org.example.old", null).id(), Actor.system());
        android("Notify Android", "org.example.notify", PLAY, FINGERPRINT);

        ApiClient.Response file = onRegion.get("/.well-known/apple-app-site-association");
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.header("Content-Type")).startsWith("application/json");
        JsonNode applinks = file.json().path("applinks");
        assertThat(file.json().propertyNames()).containsExactly("applinks");
        assertThat(applinks.path("apps").isArray()).isTrue();
        assertThat(applinks.path("apps").isEmpty()).isTrue();
        List<String> appIds = new ArrayList<>();
        for (JsonNode detail : applinks.path("details")) {
            assertThat(detail.propertyNames()).containsExactlyInAnyOrder("appID", "paths");
            assertThat(detail.path("paths").toString()).isEqualTo("[\"*\"]");
            appIds.add(detail.path("appID").asString());
        }
        assertThat(appIds).containsExactly("ABCDE12345.org.example.notify", "ABCDE12345.org.example.notify.beta");
    }

    @Test
    void theAndroidFileIsAStatementListWithUpperCaseFingerprints() {
        String second = FINGERPRINT.replace("14:6d", "ab:cd");
        android("Notify", "org.example.notify", PLAY, FINGERPRINT, second);
        android("Notify lite", "org.example.lite", null, FINGERPRINT);
        ios("Notify iOS", "ABCDE12345.org.example.notify", null);

        ApiClient.Response file = onRegion.get("/.well-known/assetlinks.json");
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.header("Content-Type")).startsWith("application/json");
        JsonNode statements = file.json();
        assertThat(statements.isArray()).isTrue();
        assertThat(statements.size()).isEqualTo(2);
        List<String> packages = new ArrayList<>();
        for (JsonNode statement : statements) {
            assertThat(statement.propertyNames()).containsExactlyInAnyOrder("relation", "target");
            assertThat(statement.path("relation").toString())
                    .isEqualTo("[\"delegate_permission/common.handle_all_urls\"]");
            JsonNode target = statement.path("target");
            assertThat(target.propertyNames())
                    .containsExactlyInAnyOrder("namespace", "package_name", "sha256_cert_fingerprints");
            assertThat(target.path("namespace").asString()).isEqualTo("android_app");
            packages.add(target.path("package_name").asString());
            assertThat(target.path("sha256_cert_fingerprints").isEmpty()).isFalse();
            for (JsonNode fingerprint : target.path("sha256_cert_fingerprints")) {
                assertThat(fingerprint.asString()).hasSize(95).matches("[0-9A-F]{2}(:[0-9A-F]{2}){31}");
            }
        }
        assertThat(packages).containsExactly("org.example.notify", "org.example.lite");
        assertThat(statements
                        .get(0)
                        .path("target")
                        .path("sha256_cert_fingerprints")
                        .toString())
                .isEqualTo("[\"" + FINGERPRINT.toUpperCase() + "\",\"" + second.toUpperCase() + "\"]");
    }

    @Test
    void theFilesAre404JsonWithoutAppsOrWithoutARealm() {
        ios("Notify iOS", "ABCDE12345.org.example.notify", null);
        ApiClient.Response noAndroid = onRegion.get("/.well-known/assetlinks.json");
        assertThat(noAndroid.status()).isEqualTo(404);
        assertThat(noAndroid.json().path("error").asString()).isEqualTo("no apps are registered");

        for (String host : List.of("en.example.org", "nosuchregion.en.example.org")) {
            ApiClient.Response missing = api.onHost(host).get("/.well-known/apple-app-site-association");
            assertThat(missing.status()).as(host).isEqualTo(404);
            assertThat(missing.json().path("error").asString()).isEqualTo("request is missing region");
        }
        assertThat(api.onHost("example.org")
                        .get("/.well-known/apple-app-site-association")
                        .status())
                .as("not an app-link host")
                .isEqualTo(404);
    }

    @Test
    void androidIsSentToTheStoreOrIntoTheApp() {
        android("Notify", "org.example.notify", PLAY, FINGERPRINT);
        assertThat(location(onRegion, "/", ANDROID)).isEqualTo(PLAY);
        assertThat(location(onRegion, "/v?c=12345678", ANDROID))
                .isEqualTo("intent://v?c=12345678&r=" + region + "#Intent;scheme=ens;package=org.example.notify"
                        + ";action=android.intent.action.VIEW;category=android.intent.category.BROWSABLE"
                        + ";S.browser_fallback_url=https%3A%2F%2Fplay.google.com%2Fstore%2Fapps%2Fdetails%3Fid%3D"
                        + "org.example.notify;end");
    }

    @Test
    void androidWithoutARedirectingAppOrWithAHeadlessOneGetsThePicker() {
        String picker = "ensonboarding://picker/" + region.toLowerCase();
        assertThat(location(onRegion, "/", ANDROID)).isEqualTo(picker);
        assertThat(location(onRegion, "/v?c=12345678", ANDROID)).isEqualTo(picker);

        apps.add(
                realm.id(),
                new NewMobileApp("No redirect", "android", "org.example.quiet", PLAY, List.of(FINGERPRINT), true),
                Actor.system());
        assertThat(location(onRegion, "/", ANDROID)).as("disable_redirect").isEqualTo(picker);

        MobileApp headless = android("Headless", "org.example.headless", PLAY, FINGERPRINT);
        jdbc.sql("UPDATE mobile_apps SET headless = true WHERE realm_id = ? AND id = ?")
                .params(realm.id().value(), headless.id())
                .update();
        ApiClient onLinkHost = api.onHost("LINKS.EXAMPLE.NET.");
        TestRealm linked = TestRealm.create(realms, apiKeys, Map.of("region_code", "LNK-1"));
        MobileApp linkedHeadless =
                apps.add(linked.id(), TestApps.android("Headless", "org.example.h", PLAY, FINGERPRINT), Actor.system());
        jdbc.sql("UPDATE mobile_apps SET headless = true WHERE realm_id = ? AND id = ?")
                .params(linked.id().value(), linkedHeadless.id())
                .update();
        assertThat(location(onLinkHost, "/v?c=1", ANDROID)).isEqualTo("ensonboarding://picker/lnk-1");
    }

    private void enableEnExpress() {
        realms.update(realm.id(), Map.of("enable_en_express", "true"), Actor.system());
    }

    @Test
    void iphonesAndMacsAreSentToTheAppStoreOrEnExpress() {
        enableEnExpress();
        for (String agent : List.of(IPHONE, MACINTOSH)) {
            assertThat(location(onRegion, "/", agent)).isEqualTo("ens://onboarding");
            assertThat(location(onRegion, "/V?c=12345678&r=XX", agent)).isEqualTo("ens://v?c=12345678&r=" + region);
        }
        ios("Notify", "ABCDE12345.org.example.notify", APP_STORE);
        for (String agent : List.of(IPHONE, MACINTOSH)) {
            assertThat(location(onRegion, "/", agent)).isEqualTo(APP_STORE);
            assertThat(location(onRegion, "/v?c=12345678", agent)).isEqualTo(APP_STORE);
        }
    }

    @Test
    void iphonesOfARealmWithoutEnExpressOrAppAreToldSoOnAPage() {
        ApiClient.Response page = onRegion.get("/v?c=12345678", Map.of("User-Agent", IPHONE));
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(Jsoup.parse(page.body()).select("#answer").text())
                .isEqualTo("Your health authority offers no app for this device. Enter your verification code in the"
                        + " Exposure Notifications settings of your phone.");
        assertThat(location(onRegion, "/", IPHONE))
                .as("onboarding needs no EN Express")
                .isEqualTo("ens://onboarding");
    }

    @Test
    void otherAgentsGetTheGenericPageForOnboardingLinksOnly() {
        android("Notify", "org.example.notify", PLAY, FINGERPRINT);
        assertThat(location(onRegion, "/", CURL)).isEqualTo("https://www.google.com/covid19/exposurenotifications/");
        assertThat(location(onRegion, "/v?c=12345678", CURL)).isEqualTo("404");
    }

    @Test
    void theBareRedirectDomainNamesNoRealm() {
        ApiClient bare = api.onHost("En.Example.Org.:443");
        assertThat(location(bare, "/v?c=1", ANDROID)).isEqualTo("ensonboarding://picker");
        assertThat(location(bare, "/", IPHONE)).isEqualTo("ens://onboarding");
        assertThat(location(bare, "/v?c=1", MACINTOSH)).isEqualTo("ens://onboarding");
        assertThat(location(bare, "/", CURL)).isEqualTo("404");
    }

    @Test
    void userAgentsOfTenKilobytesAreHandled() {
        enableEnExpress();
        android("Notify", "org.example.notify", PLAY, FINGERPRINT);
        String padding = "Mozilla/5.0 (".repeat(800).substring(0, 10_200);
        assertThat(location(onRegion, "/", padding + " Android 14)")).isEqualTo(PLAY);
        assertThat(location(onRegion, "/", padding + ")"))
                .isEqualTo("https://www.google.com/covid19/exposurenotifications/");
        assertThat(location(onRegion, "/v?c=1", "iPhone".repeat(1_700))).isEqualTo("ens://v?c=1&r=" + region);
    }

    @Test
    void otherHostsAreLeftToTheOtherRoles() {
        ApiClient main = api.onHost("example.org");
        assertThat(main.get("/v?c=1", Map.of("User-Agent", ANDROID)).status()).isEqualTo(404);
        assertThat(main.get("/api/verify", Map.of("User-Agent", ANDROID)).status())
                .as("the API's own answer to a wrong method")
                .isEqualTo(405);
        assertThat(onRegion.get("/health", Map.of("User-Agent", ANDROID))
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("ok");
        assertThat(onRegion.post("/api/issue", null, Map.of("testType", "confirmed"))
                        .status())
                .as("the redirect routes take GET only")
                .isEqualTo(401);
    }
}
