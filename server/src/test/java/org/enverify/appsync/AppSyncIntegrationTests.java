package org.enverify.appsync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.enverify.audit.AuditChange;
import org.enverify.audit.AuditEntries;
import org.enverify.audit.AuditEntry;
import org.enverify.audit.AuditQuery;
import org.enverify.mobileapp.MobileApp;
import org.enverify.mobileapp.MobileApps;
import org.enverify.mobileapp.MobileOs;
import org.enverify.mobileapp.NewMobileApp;
import org.enverify.platform.Actor;
import org.enverify.platform.Refusal;
import org.enverify.platform.net.OutboundUrls;
import org.enverify.realm.AgencyBranding;
import org.enverify.realm.RealmBranding;
import org.enverify.realm.RealmId;
import org.enverify.realm.Realms;
import org.enverify.realm.Translation;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/** App sync against a feed that WireMock serves, good and bad. */
@EnverifyIntegrationTest
class AppSyncIntegrationTests {

    static WireMockServer feeds;

    @Autowired
    Realms realms;

    @Autowired
    RealmBranding branding;

    @Autowired
    AuditEntries auditEntries;

    @Autowired
    TransactionOperations transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    OutboundUrls urls;

    @Autowired
    MutableClock clock;

    @Autowired
    MobileApps mobileApps;

    String regionA;
    String regionB;
    RealmId realmA;
    RealmId realmB;

    @BeforeAll
    static void startFeeds() {
        feeds = new WireMockServer(options().dynamicPort());
        feeds.start();
    }

    @AfterAll
    static void stopFeeds() {
        feeds.stop();
    }

    @BeforeEach
    void twoRealmsWithRegions() {
        feeds.resetAll();
        regionA = "AS-" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
        regionB = "AS-" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
        realmA = realms.create("appsync-" + regionA, Map.of("region_code", regionA), Actor.system())
                .id();
        realmB = realms.create("appsync-" + regionB, Map.of("region_code", regionB), Actor.system())
                .id();
    }

    /** A generous timeout: WireMock's first answer in a fresh JVM can take seconds. */
    private AppSync appSync(String path, long maxBytes) {
        return appSync(path, maxBytes, Duration.ofSeconds(20));
    }

    private AppSync appSync(String path, long maxBytes, Duration timeout) {
        return new AppSync(
                new AppSyncSettings(feeds.baseUrl() + path, maxBytes, timeout),
                realms,
                branding,
                mobileApps,
                transactions,
                urls);
    }

    private String goodFeed() {
        return """
                {"apps": [
                  {"region": "%1$s", "is_enx": true,
                   "android_target": {"namespace": "android_app", "app_name": "Exposure Notifications",
                     "package_name": "gov.example.a", "sha256_cert_fingerprints": "AA:BB"},
                   "agency_color": "#1A73E8", "agency_image": "https://example.org/a.png",
                   "default_locale": "es_MX", "web_report_learn_more_url": "https://example.org/learn",
                   "localizations": [
                     {"msgid": "sms_text", "translations": [
                        {"lang": "en", "message": "Your code"}, {"lang": "es", "message": "Su código"}]}],
                   "headless": false, "some_future_field": {"x": 1}},
                  {"region": "%1$s",
                   "android_target": {"package_name": "gov.example.a2", "sha256_cert_fingerprints": "CC:DD"},
                   "localizations": [{"msgid": "welcome", "translations": [{"lang": "en", "message": "Hello"}]}]},
                  {"region": "%2$s", "agency_color": "blue", "default_locale": "fr",
                   "android_target": {"package_name": "gov.example.b"}},
                  {"region": "ZZ-NOWHERE", "android_target": {"package_name": "gov.example.z"}},
                  {"android_target": {"package_name": "gov.example.noregion"}}
                ]}""".formatted(regionA, regionB.toLowerCase());
    }

    @Test
    void copiesBrandingAndTranslationsToTheRealmOfEachRegion() {
        feeds.stubFor(get(urlEqualTo("/feed.json")).willReturn(okJson(goodFeed())));

        String summary = appSync("/feed.json", 4_000_000).run(clock.instant());

        assertThat(summary)
                .contains(
                        "2 realms synced",
                        "0 apps added",
                        regionA + " app 1 skipped: sha256 fingerprint 1 has 5 characters, not 95",
                        "no realm for regions ZZ-NOWHERE",
                        "apps[4] has no region and was skipped",
                        regionB + " agency_color ignored: 'blue' is not a color");
        assertThat(branding.branding(realmA))
                .isEqualTo(new AgencyBranding(
                        "#1a73e8", "https://example.org/a.png", "es-MX", "https://example.org/learn"));
        assertThat(branding.translations(realmA))
                .containsExactly(
                        new Translation("sms_text", "en", "Your code"),
                        new Translation("sms_text", "es", "Su código"),
                        new Translation("welcome", "en", "Hello"));
        assertThat(branding.branding(realmB)).isEqualTo(new AgencyBranding(null, null, "fr", null));

        // The feed is the truth for its realms: what it drops is removed, what it changes is changed.
        feeds.stubFor(get(urlEqualTo("/feed.json")).willReturn(okJson("""
                        {"apps": [{"region": "%s", "agency_color": "00ff00",
                          "localizations": [{"msgid": "sms_text", "translations": [
                            {"lang": "en", "message": "Your new code"}, {"lang": "fr", "message": "Votre code"}]}]}]}""".formatted(regionA))));
        assertThat(appSync("/feed.json", 4_000_000).run(clock.instant())).contains("1 realms synced");
        assertThat(branding.branding(realmA)).isEqualTo(new AgencyBranding("#00ff00", null, null, null));
        assertThat(branding.translations(realmA))
                .containsExactly(
                        new Translation("sms_text", "en", "Your new code"),
                        new Translation("sms_text", "fr", "Votre code"));
        assertThat(branding.branding(realmB))
                .as("a realm the feed no longer names is left alone")
                .isEqualTo(new AgencyBranding(null, null, "fr", null));

        List<AuditEntry> audited =
                auditEntries.page(realmA, AuditQuery.all(0, 10)).entries();
        assertThat(audited)
                .extracting(AuditEntry::actor, AuditEntry::action)
                .startsWith(tuple("system", "realm.branding"), tuple("system", "realm.branding"));
        assertThat(audited.getFirst().diff())
                .containsEntry("agency_background_color", new AuditChange("#1a73e8", "#00ff00"))
                .containsEntry("translation.welcome.en", new AuditChange("Hello", null))
                .containsEntry("translation.sms_text.fr", new AuditChange(null, "Votre code"));
    }

    @Test
    void aFeedThatCannotBeReadChangesNothingAndTheNextRunWorks() {
        feeds.stubFor(get(urlEqualTo("/feed.json")).willReturn(okJson(goodFeed())));
        appSync("/feed.json", 4_000_000).run(clock.instant());
        AgencyBranding before = branding.branding(realmA);
        List<Translation> translationsBefore = branding.translations(realmA);

        feeds.stubFor(get(urlEqualTo("/malformed.json")).willReturn(okJson("{\"apps\": [{\"region\": ")));
        feeds.stubFor(get(urlEqualTo("/not-a-feed.json")).willReturn(okJson("{\"applications\": []}")));
        feeds.stubFor(get(urlEqualTo("/oversize.json"))
                .willReturn(okJson("{\"apps\": [], \"padding\": \"" + "x".repeat(20_000) + "\"}")));
        feeds.stubFor(
                get(urlEqualTo("/slow.json")).willReturn(okJson(goodFeed()).withFixedDelay(3_000)));
        feeds.stubFor(get(urlEqualTo("/error.json")).willReturn(aResponse().withStatus(500)));

        String base = "GET " + feeds.baseUrl();
        assertThatThrownBy(() -> appSync("/malformed.json", 10_000).run(clock.instant()))
                .hasMessage(base + "/malformed.json: the feed is not JSON");
        assertThatThrownBy(() -> appSync("/not-a-feed.json", 10_000).run(clock.instant()))
                .hasMessage(base + "/not-a-feed.json: the feed has no \"apps\" array");
        assertThatThrownBy(() -> appSync("/oversize.json", 10_000).run(clock.instant()))
                .hasMessage(base + "/oversize.json: the answer is larger than 10000 bytes");
        assertThatThrownBy(() ->
                        appSync("/slow.json", 10_000, Duration.ofSeconds(1)).run(clock.instant()))
                .hasMessageStartingWith(base + "/slow.json: no")
                .hasMessageContaining("answer within 1000 ms");
        assertThatThrownBy(() -> appSync("/error.json", 10_000).run(clock.instant()))
                .hasMessage(base + "/error.json: the feed answered 500");

        assertThat(branding.branding(realmA)).isEqualTo(before);
        assertThat(branding.translations(realmA)).isEqualTo(translationsBefore);

        assertThat(appSync("/feed.json", 4_000_000).run(clock.instant())).contains("2 realms synced");
    }

    @Test
    void aFailureWhileWritingRollsBackEveryRealm() {
        feeds.stubFor(get(urlEqualTo("/feed.json")).willReturn(okJson("""
                        {"apps": [
                          {"region": "%s", "agency_color": "#111111",
                           "localizations": [{"msgid": "m", "translations": [{"lang": "en", "message": "fine"}]}]},
                          {"region": "%s", "agency_color": "#222222",
                           "localizations": [{"msgid": "m", "translations": [{"lang": "en", "message": "refused"}]}]}
                        ]}""".formatted(regionA, regionB))));
        // The database refuses the second realm's translation, after the first realm has been written.
        jdbc.sql("ALTER TABLE dynamic_translations ADD CONSTRAINT appsync_test_refused CHECK (message <> 'refused')")
                .update();
        try {
            assertThatThrownBy(() -> appSync("/feed.json", 4_000_000).run(clock.instant()))
                    .hasMessageContaining("appsync_test_refused");
        } finally {
            jdbc.sql("ALTER TABLE dynamic_translations DROP CONSTRAINT appsync_test_refused")
                    .update();
        }
        assertThat(branding.branding(realmA)).isEqualTo(AgencyBranding.NONE);
        assertThat(branding.translations(realmA)).isEmpty();
        assertThat(appSync("/feed.json", 4_000_000).run(clock.instant())).contains("2 realms synced");
        assertThat(branding.translations(realmB)).containsExactly(new Translation("m", "en", "refused"));
    }

    private static String fingerprint(int seed) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            hex.append(i == 0 ? "" : ":").append("%02X".formatted((seed * 31 + i) & 0xFF));
        }
        return hex.toString();
    }

    private String appsFeed(String packageA, boolean headlessA, String... more) {
        return """
                {"apps": [
                  {"region": "%s", "is_enx": true, "headless": %s,
                   "android_target": {"namespace": "android_app", "app_name": "Example Exposure Notifications",
                     "package_name": "%s", "sha256_cert_fingerprints": "%s"}}%s
                ]}""".formatted(regionA, headlessA, packageA, fingerprint(1), String.join("", more));
    }

    @Test
    void theFeedsAndroidAppsBecomeTheRealmsSyncedAppsAndFollowTheFeed() {
        MobileApp ownApp = mobileApps.add(
                realmA,
                new NewMobileApp("Admin's app", "android", "gov.example.own", null, List.of(fingerprint(2)), false),
                Actor.cli());
        String unnamed = """
                ,
                  {"region": "%s", "android_target": {"package_name": "gov.example.unnamed",
                     "sha256_cert_fingerprints": "%s, %s"}},
                  {"region": "%1$s", "android_target": {"package_name": "gov.example.again",
                     "sha256_cert_fingerprints": "%s"}},
                  {"region": "%1$s", "android_target": {"package_name": "not a package",
                     "sha256_cert_fingerprints": "%s"}}""".formatted(regionA, fingerprint(3), fingerprint(4), fingerprint(2), fingerprint(5));
        feeds.stubFor(get(urlEqualTo("/apps.json")).willReturn(okJson(appsFeed("gov.example.a", true, unnamed))));

        String summary = appSync("/apps.json", 4_000_000).run(clock.instant());

        assertThat(summary).contains("2 apps added", "0 apps updated", regionA + " app 4 skipped: app_id must be");
        List<MobileApp> apps = mobileApps.list(realmA);
        assertThat(apps)
                .extracting(
                        MobileApp::name,
                        MobileApp::os,
                        MobileApp::appId,
                        MobileApp::url,
                        MobileApp::headless,
                        MobileApp::synced,
                        MobileApp::disableRedirect)
                .containsExactly(
                        tuple("Admin's app", MobileOs.ANDROID, "gov.example.own", null, false, false, false),
                        tuple(
                                "Example Exposure Notifications",
                                MobileOs.ANDROID,
                                "gov.example.a",
                                "https://play.google.com/store/apps/details?id=gov.example.a",
                                true,
                                true,
                                true),
                        tuple(
                                regionA + " Android App",
                                MobileOs.ANDROID,
                                "gov.example.unnamed",
                                "https://play.google.com/store/apps/details?id=gov.example.unnamed",
                                false,
                                true,
                                true));
        assertThat(apps.get(2).sha256Fingerprints()).containsExactly(fingerprint(3), fingerprint(4));
        assertThat(mobileApps.list(realmB))
                .as("another region's realm gets none")
                .isEmpty();
        assertThat(auditEntries.page(realmA, AuditQuery.all(0, 20)).entries())
                .extracting(AuditEntry::actor, AuditEntry::action, AuditEntry::target)
                .contains(
                        tuple(
                                "system",
                                "mobileapp.create",
                                "mobile_apps:" + apps.get(1).id()),
                        tuple(
                                "system",
                                "mobileapp.create",
                                "mobile_apps:" + apps.get(2).id()));

        assertThat(appSync("/apps.json", 4_000_000).run(clock.instant()))
                .as("the same feed again changes nothing")
                .contains("0 apps added", "0 apps updated");

        // The same signing certificate under a new package and no longer headless; the unnamed app is dropped.
        feeds.stubFor(get(urlEqualTo("/apps.json")).willReturn(okJson(appsFeed("gov.example.renamed", false))));
        assertThat(appSync("/apps.json", 4_000_000).run(clock.instant())).contains("0 apps added", "1 apps updated");
        MobileApp updated = mobileApps.list(realmA).get(1);
        assertThat(updated.appId()).isEqualTo("gov.example.renamed");
        assertThat(updated.url()).isEqualTo("https://play.google.com/store/apps/details?id=gov.example.renamed");
        assertThat(updated.headless()).isFalse();
        assertThat(mobileApps.list(realmA))
                .as("as upstream, an app the feed no longer lists stays")
                .hasSize(3)
                .allMatch(MobileApp::enabled);
        assertThat(mobileApps.list(realmA).getFirst()).isEqualTo(ownApp);
        assertThat(auditEntries.page(realmA, AuditQuery.all(0, 1)).entries().getFirst())
                .extracting(AuditEntry::action, entry -> entry.diff().get("app_id"))
                .containsExactly("mobileapp.update", new AuditChange("gov.example.a", "gov.example.renamed"));

        assertThatThrownBy(() -> mobileApps.disable(realmA, updated.id(), Actor.user(1)))
                .isInstanceOf(Refusal.class)
                .hasMessageContaining("only the operator's command line can disable it");
        assertThat(mobileApps.disable(realmA, updated.id(), Actor.cli()).enabled())
                .isFalse();
        assertThat(appSync("/apps.json", 4_000_000).run(clock.instant()))
                .as("as upstream, a listed app that no enabled app matches is added again")
                .contains("1 apps added");
    }

    @Test
    void refusedValuesAndAnOversizedFeedChangeNothing() {
        feeds.stubFor(get(urlEqualTo("/apps.json")).willReturn(okJson(appsFeed("gov.example.a", true))));
        appSync("/apps.json", 4_000_000).run(clock.instant());
        feeds.stubFor(get(urlEqualTo("/branding.json")).willReturn(okJson("""
                {"apps": [{"region": "%s", "agency_color": "#123456", "agency_image": "https://example.org/logo.png"}]}""".formatted(regionA))));
        appSync("/branding.json", 4_000_000).run(clock.instant());
        List<MobileApp> appsBefore = mobileApps.list(realmA);

        feeds.stubFor(get(urlEqualTo("/bad-values.json")).willReturn(okJson("""
                {"apps": [{"region": "%s", "agency_color": "red; background: url(https://evil.example)",
                  "agency_image": "http://example.org/logo.png"}]}""".formatted(regionA))));
        String summary = appSync("/bad-values.json", 4_000_000).run(clock.instant());
        assertThat(summary)
                .contains(
                        regionA + " agency_color ignored",
                        regionA + " agency_image ignored: 'http://example.org/logo.png' is not an https URL");
        assertThat(branding.branding(realmA))
                .as("a refused value keeps what was stored")
                .isEqualTo(new AgencyBranding("#123456", "https://example.org/logo.png", null, null));

        byte[] tenMegabytes = ("{\"apps\": [], \"padding\": \"" + "x".repeat(10 * 1024 * 1024) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        feeds.stubFor(get(urlEqualTo("/huge.json"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(tenMegabytes)));
        assertThatThrownBy(() -> appSync("/huge.json", 4_000_000).run(clock.instant()))
                .hasMessageEndingWith("the answer is larger than 4000000 bytes");
        feeds.stubFor(get(urlEqualTo("/binary.json"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(new byte[] {0, (byte) 0xFF, 3})));
        assertThatThrownBy(() -> appSync("/binary.json", 4_000_000).run(clock.instant()))
                .hasMessageEndingWith("the feed is not JSON");

        assertThat(mobileApps.list(realmA)).isEqualTo(appsBefore);
        assertThat(branding.branding(realmA))
                .isEqualTo(new AgencyBranding("#123456", "https://example.org/logo.png", null, null));
    }
}
