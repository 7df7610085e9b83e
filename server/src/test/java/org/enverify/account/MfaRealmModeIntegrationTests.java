package org.enverify.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.enverify.apikey.ApiKeys;
import org.enverify.platform.Actor;
import org.enverify.realm.Permission;
import org.enverify.realm.Realm;
import org.enverify.realm.RealmSettingsCatalog;
import org.enverify.realm.RealmSettingsRefused;
import org.enverify.realm.Realms;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.enverify.support.UiClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The realm's MFA mode on its pages: required after the grace period, prompt once per session, optional. */
@EnverifyIntegrationTest
class MfaRealmModeIntegrationTests {

    @Autowired
    Realms realms;

    @Autowired
    RealmSettingsCatalog settings;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    Users users;

    @Autowired
    Memberships memberships;

    @Autowired
    MutableClock clock;

    @Test
    void requiredModeForcesASecondFactorOnceTheGracePeriodIsOver(UiClient early, UiClient late) {
        clock.freeze();
        TestRealm realm = TestRealm.create(
                realms,
                apiKeys,
                Map.of("require_date", "false", "mfa_mode", "required", "mfa_required_grace_period", "7d"));
        User worker = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);

        UiClient.Page prompted = early.signIn(worker.email(), TestUsers.PASSWORD);
        assertThat(prompted.body())
                .as("in the grace period, required acts as prompt")
                .contains("Not now");
        assertThat(early.get("/codes/issue").status()).isEqualTo(200);

        clock.advance(Duration.ofDays(7).plusMinutes(1));
        UiClient.Page forced = late.signIn(worker.email(), TestUsers.PASSWORD);
        assertThat(forced.body())
                .contains("This realm requires a second factor.")
                .doesNotContain("Not now");
        assertThat(late.get("/codes/issue").location()).endsWith("/account/mfa?required");
        assertThat(late.get("/codes/status").location()).endsWith("/account/mfa?required");
        assertThat(late.get("/account").status()).as("account pages stay open").isEqualTo(200);

        byte[] key = MfaIntegrationTests.base32(
                late.post("/account/mfa/totp", Map.of()).text("#totp-secret"));
        late.post("/account/mfa/totp/confirm", Map.of("code", Totp.code(key, Totp.step(clock.instant()), Totp.DIGITS)));
        assertThat(late.get("/codes/issue").status()).isEqualTo(200);
    }

    @Test
    void requiredModeWithoutGracePeriodForcesAtOnce(UiClient browser) {
        TestRealm realm = TestRealm.create(realms, apiKeys, Map.of("require_date", "false", "mfa_mode", "required"));
        User worker = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
        assertThat(browser.signIn(worker.email(), TestUsers.PASSWORD).body())
                .contains("This realm requires a second factor.");
        assertThat(browser.get("/codes/issue").location()).endsWith("/account/mfa?required");
    }

    @Test
    void promptModeAsksOncePerSession(UiClient browser, UiClient nextSession) {
        TestRealm realm = TestRealm.create(realms, apiKeys, Map.of("require_date", "false", "mfa_mode", "prompt"));
        User worker = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
        UiClient.Page prompted = browser.signIn(worker.email(), TestUsers.PASSWORD);
        assertThat(prompted.body()).contains("This realm asks its members to set up a second factor.");
        assertThat(browser.follow(browser.get("/login/continue")).body()).contains("name=\"testType\"");
        assertThat(browser.get("/codes/issue").status()).isEqualTo(200);

        assertThat(nextSession.signIn(worker.email(), TestUsers.PASSWORD).body())
                .contains("Not now");
    }

    @Test
    void settingsAreJudgedLikeEveryOther(TestRealm realm) {
        Realm updated = realms.update(
                realm.id(), Map.of("mfa_mode", "Required", "mfa_required_grace_period", "30d"), Actor.cli());
        assertThat(updated.settings(AccountRealmSettings.class).mfaMode()).isEqualTo(MfaMode.REQUIRED);
        assertThat(updated.settings(AccountRealmSettings.class).mfaRequiredGracePeriod())
                .isEqualTo(Duration.ofDays(30));
        assertThat(settings.describe(updated).get("mfa_required_grace_period")).isEqualTo("30d");
        assertThat(realms.find(realm.id())
                        .orElseThrow()
                        .settings(AccountRealmSettings.class)
                        .mfaMode())
                .isEqualTo(MfaMode.REQUIRED);
        for (Map<String, String> refused : List.of(
                Map.of("mfa_mode", "sometimes"),
                Map.of("mfa_required_grace_period", "3d"),
                Map.of("mfa_required_grace_period", "25h"),
                Map.of("mfa_required_grace_period", "-1"),
                Map.of("mfa_mode", "x".repeat(10_000)))) {
            assertThatThrownBy(() -> realms.update(realm.id(), refused, Actor.cli()))
                    .isInstanceOf(RealmSettingsRefused.class);
        }
    }
}
