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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.enverify.audit.AuditChange;
import org.enverify.audit.AuditEntries;
import org.enverify.audit.AuditEntry;
import org.enverify.audit.AuditQuery;
import org.enverify.platform.Actor;
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
                new AppSyncSettings(feeds.baseUrl() + path, maxBytes, timeout), realms, branding, transactions, urls);
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
                        "4 apps in the feed wait for the mobile-app table",
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
}
