package org.enverify.mobileapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.enverify.platform.Actor;
import org.enverify.platform.Refusal;
import org.enverify.realm.RealmId;
import org.enverify.realm.RealmNotFoundException;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.TestApps;
import org.enverify.support.TestRealm;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Phone apps on the real database: stored normalised, refused whole, and kept apart by realm. */
@EnverifyIntegrationTest
class MobileAppsIntegrationTests {

    static final String FINGERPRINT = TestApps.FINGERPRINT;

    @Autowired
    MobileApps apps;

    @Autowired
    JdbcClient jdbc;

    private long storedApps(RealmId realm) {
        return jdbc.sql("SELECT count(*) FROM mobile_apps WHERE realm_id = ?")
                .param(realm.value())
                .query(Long.class)
                .single();
    }

    private static NewMobileApp android(String name) {
        return TestApps.android(
                name, "org.example.app", "https://play.google.com/store/apps/details?id=org.example.app", FINGERPRINT);
    }

    @Test
    void storesAnAndroidAppWithUpperCaseFingerprints(TestRealm realm) {
        MobileApp added = apps.add(realm.id(), android("Example"), Actor.system());
        assertThat(added.os()).isEqualTo(MobileOs.ANDROID);
        assertThat(added.sha256Fingerprints()).containsExactly(FINGERPRINT.toUpperCase());
        assertThat(added.enabled()).isTrue();
        String[] stored = jdbc.sql("SELECT sha256_fingerprints FROM mobile_apps WHERE realm_id = ? AND id = ?")
                .params(realm.id().value(), added.id())
                .query((rs, row) -> (String[]) rs.getArray(1).getArray())
                .single();
        assertThat(stored).containsExactly(FINGERPRINT.toUpperCase());
        assertThat(stored[0]).hasSize(95).isUpperCase();
        assertThat(apps.enabled(realm.id())).containsExactly(added);
    }

    @Test
    void refusesInvalidAppsWholeAndStoresNothing(TestRealm realm) {
        assertThatThrownBy(() -> apps.add(
                        realm.id(),
                        new NewMobileApp(
                                "Bad",
                                "android",
                                "org.example.app",
                                "http://play.google.com/x",
                                List.of(FINGERPRINT.substring(1)),
                                false),
                        Actor.system()))
                .isInstanceOf(Refusal.class)
                .hasMessageContaining("url: must be an https URL")
                .hasMessageContaining("sha256: fingerprint 1 has 94 characters, not 95")
                .satisfies(e -> assertThat(((Refusal) e).shownByField()).containsOnlyKeys("url", "sha256"));
        assertThatThrownBy(() -> apps.add(
                        realm.id(),
                        new NewMobileApp("Bad", "android", "example", null, List.of(FINGERPRINT), false),
                        Actor.system()))
                .hasMessageStartingWith("app_id: must be an Android package name");
        assertThatThrownBy(() -> apps.add(
                        realm.id(),
                        new NewMobileApp("Bad", "ios", "org.example.app", null, List.of(), false),
                        Actor.system()))
                .hasMessageStartingWith("app_id: must be an iOS app id");
        assertThatThrownBy(() -> apps.add(
                        realm.id(),
                        new NewMobileApp(
                                "Bad",
                                "android",
                                "org.example.app",
                                null,
                                List.of("G" + FINGERPRINT.substring(1)),
                                false),
                        Actor.system()))
                .hasMessageContaining("fingerprint 1 is not 32 hex pairs separated by colons");
        assertThat(storedApps(realm.id())).isZero();
    }

    @Test
    void namesAreUniqueInARealmIgnoringCaseButNotAcrossRealms(TestRealm a, TestRealm b) {
        apps.add(a.id(), android("Example"), Actor.system());
        assertThatThrownBy(() -> apps.add(a.id(), android("EXAMPLE"), Actor.system()))
                .isInstanceOf(Refusal.class)
                .hasMessage("name: the realm already has an app named 'EXAMPLE'");
        apps.add(b.id(), android("example"), Actor.system());
        assertThat(storedApps(a.id())).isOne();
        assertThat(storedApps(b.id())).isOne();
    }

    @Test
    void realmANeverSeesRealmBsApps(TestRealm a, TestRealm b) {
        MobileApp ofB = apps.add(b.id(), android("B's app"), Actor.system());
        assertThat(apps.list(a.id())).isEmpty();
        assertThat(apps.enabled(a.id())).isEmpty();
        assertThat(apps.list(b.id())).extracting(MobileApp::id).containsExactly(ofB.id());
    }

    @Test
    void aDisabledAppLeavesTheEnabledListButKeepsItsName(TestRealm realm) {
        MobileApp first = apps.add(realm.id(), android("First"), Actor.system());
        MobileApp second = apps.add(
                realm.id(),
                new NewMobileApp("Second", "ios", "ABCDE12345.org.example.app", null, List.of(), false),
                Actor.system());
        assertThat(apps.enabled(realm.id())).containsExactly(first, second);

        MobileApp disabled = apps.disable(realm.id(), first.id(), Actor.system());
        assertThat(disabled.enabled()).isFalse();
        assertThat(apps.disable(realm.id(), first.id(), Actor.system()).disabledAt())
                .as("disabling twice keeps the first time")
                .isEqualTo(disabled.disabledAt());
        assertThat(apps.enabled(realm.id())).containsExactly(second);
        assertThat(apps.list(realm.id())).hasSize(2);
        assertThatThrownBy(() -> apps.add(realm.id(), android("first"), Actor.system()))
                .hasMessageContaining("already has an app");
        assertThatThrownBy(() -> apps.disable(realm.id(), Long.MAX_VALUE, Actor.system()))
                .hasMessage("There is no mobile app " + Long.MAX_VALUE);
    }

    @Test
    void anUnknownRealmIsRefused() {
        assertThatThrownBy(() -> apps.add(new RealmId(Long.MAX_VALUE), android("x"), Actor.system()))
                .isInstanceOf(RealmNotFoundException.class);
    }

    @Test
    void anAppIsDisabledOnlyThroughItsOwnRealm(TestRealm owner, TestRealm other) {
        MobileApp app =
                apps.add(owner.id(), TestApps.ios("Isolated", "ABCDE12345.org.example.isolated", null), Actor.system());

        assertThatThrownBy(() -> apps.disable(other.id(), app.id(), Actor.system()))
                .hasMessage("There is no mobile app " + app.id());
        assertThat(apps.enabled(owner.id())).contains(app);
    }
}
