package org.enverify.realm.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.enverify.account.Memberships;
import org.enverify.account.Users;
import org.enverify.apikey.ApiKeys;
import org.enverify.mobileapp.MobileApps;
import org.enverify.platform.Actor;
import org.enverify.realm.Permission;
import org.enverify.realm.Realms;
import org.enverify.signing.SigningRealmSettings;
import org.enverify.support.ApiClient;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.enverify.support.UiClient;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A realm admin's signing keys, quota burst and mobile apps pages. */
@EnverifyIntegrationTest
class RealmPagesIntegrationTests {

    private static final String FINGERPRINT =
            "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    Users users;

    @Autowired
    Memberships memberships;

    @Autowired
    MobileApps mobileApps;

    TestRealm realm;
    UiClient admin;

    @BeforeEach
    void setUp(UiClient admin) {
        realm = TestRealm.create(realms, apiKeys);
        this.admin = admin;
        admin.signIn(
                TestUsers.member(users, memberships, realm.id(), Permission.REALM_ADMIN)
                        .email(),
                TestUsers.PASSWORD);
    }

    @Test
    void switchingToTheRealmKeyPublishesItAndCertificatesUseIt(ApiClient api) {
        assertThat(api.get("/jwks/" + realm.id()).body()).isEqualTo("[]");
        admin.get("/realm/keys");
        UiClient.Page refused = admin.post("/realm/keys/use", Map.of("realmKey", "true", "issuer", "", "audience", ""));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(realms.find(realm.id())
                        .orElseThrow()
                        .settings(SigningRealmSettings.class)
                        .useRealmCertificateKey())
                .isFalse();

        UiClient.Page saved = admin.post(
                "/realm/keys/use", Map.of("realmKey", "true", "issuer", "gov.example.realm", "audience", "keyserver"));
        assertThat(saved.location()).contains("saved");
        String jwks = api.get("/jwks/" + realm.id()).body();
        assertThat(jwks).contains("\"kid\":\"r" + realm.id() + "v");
        assertThat(admin.get("/realm/keys").body()).contains("Signing");

        admin.post("/realm/keys", Map.of());
        assertThat(api.get("/jwks/" + realm.id()).json().size()).isEqualTo(2);
        assertThat(admin.postConfirmed("/realm/keys/999999/activate", Map.of()).status())
                .isEqualTo(404);
    }

    @Test
    void eachSettingIsEnteredAsItsTypeSays() {
        Document page = Jsoup.parse(admin.get("/realm/settings").body());

        assertThat(page.select("select#use_authenticated_sms option").eachAttr("value"))
                .as("yes or no")
                .containsExactly("true", "false");
        assertThat(page.selectFirst("textarea#sms_text_template").attr("maxlength"))
                .as("an SMS template, of lines")
                .isEqualTo("800");
        assertThat(page.selectFirst("textarea#email_invite_template").attr("maxlength"))
                .isEqualTo("4000");
        assertThat(page.selectFirst("input#certificate_issuer[type=text]").attr("maxlength"))
                .as("one line of text")
                .isEqualTo("150");
    }

    @Test
    void aBurstRaisesTodaysQuota(ApiClient api) {
        realms.update(
                realm.id(), Map.of("abuse_prevention_enabled", "true", "abuse_prevention_limit", "1"), Actor.system());
        assertThat(api.post("/api/issue", realm.adminKey(), "{\"testType\":\"confirmed\"}")
                        .status())
                .isEqualTo(200);
        assertThat(api.post("/api/issue", realm.adminKey(), "{\"testType\":\"confirmed\"}")
                        .status())
                .isEqualTo(429);
        assertThat(admin.get("/realm/settings").body()).contains("0 of 1 code left today");
        assertThat(admin.post("/realm/settings/burst", Map.of("amount", "lots")).status())
                .isEqualTo(422);
        admin.get("/realm/settings");
        assertThat(admin.post("/realm/settings/burst", Map.of("amount", "2")).location())
                .contains("burst");
        assertThat(api.post("/api/issue", realm.adminKey(), "{\"testType\":\"confirmed\"}")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void mobileAppsAreAddedAndRefusedWithFieldMessages(UiClient stranger) {
        admin.get("/realm/mobile-apps");
        UiClient.Page refused = admin.post(
                "/realm/mobile-apps",
                Map.of("name", "App", "os", "android", "appId", "gov.example.app", "fingerprints", "AB:CD"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("sha256-error");
        assertThat(mobileApps.list(realm.id())).isEmpty();

        UiClient.Page added = admin.post(
                "/realm/mobile-apps",
                Map.of(
                        "name",
                        "App",
                        "os",
                        "android",
                        "appId",
                        "gov.example.app",
                        "fingerprints",
                        FINGERPRINT,
                        "url",
                        ""));
        assertThat(added.location()).contains("added");
        assertThat(mobileApps.list(realm.id()))
                .singleElement()
                .satisfies(app -> assertThat(app.appId()).isEqualTo("gov.example.app"));
        long id = mobileApps.list(realm.id()).getFirst().id();
        TestRealm other = TestRealm.create(realms, apiKeys);
        stranger.signIn(
                TestUsers.member(users, memberships, other.id(), Permission.REALM_ADMIN)
                        .email(),
                TestUsers.PASSWORD);
        stranger.get("/realm/mobile-apps");
        assertThat(stranger.postConfirmed("/realm/mobile-apps/" + id + "/disable", Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(mobileApps.list(realm.id()).getFirst().enabled()).isTrue();
    }
}
