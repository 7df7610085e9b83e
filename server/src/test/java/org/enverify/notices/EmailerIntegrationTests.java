package org.enverify.notices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.enverify.account.Memberships;
import org.enverify.account.Users;
import org.enverify.apikey.ApiKeys;
import org.enverify.platform.Actor;
import org.enverify.realm.ClaimRatio;
import org.enverify.realm.Permission;
import org.enverify.realm.RealmId;
import org.enverify.realm.RealmSettingsRefused;
import org.enverify.realm.Realms;
import org.enverify.support.ApiClient;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.enverify.support.UiClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Mail to a realm's contacts: quota thresholds, anomalies and SMS errors, each once, through the outbox. */
@EnverifyIntegrationTest
class EmailerIntegrationTests {

    private static final String CONTACTS = "ops@example.org, lead@example.org";

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    Users users;

    @Autowired
    Memberships memberships;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    Emailer emailer;

    private record Mail(String recipient, String subject) {}

    private List<Mail> mails(RealmId realm) {
        return jdbc.sql("SELECT recipient, subject FROM mail_outbox WHERE realm_id = ? ORDER BY id")
                .param(realm.value())
                .query((rs, row) -> new Mail(rs.getString(1), rs.getString(2)))
                .list();
    }

    private List<String> quotaEvents(RealmId realm) {
        return jdbc.sql("SELECT data->>'percent' FROM events WHERE realm_id = ? AND type = 'quota.threshold'"
                        + " ORDER BY occurred_at")
                .param(realm.value())
                .query(String.class)
                .list();
    }

    @Test
    void theContactsHearOfSeventyAndNinetyPercentOfTheQuotaOnceEach(ApiClient api) {
        TestRealm realm = TestRealm.create(
                realms,
                apiKeys,
                Map.of(
                        "require_date", "false",
                        "abuse_prevention_enabled", "true",
                        "abuse_prevention_limit", "10",
                        "contact_email_addresses", CONTACTS));
        for (int i = 1; i <= 10; i++) {
            assertThat(api.post("/api/issue", realm.adminKey(), "{\"testType\":\"confirmed\"}")
                            .status())
                    .isEqualTo(200);
            if (i == 6) {
                assertThat(mails(realm.id())).isEmpty();
                assertThat(quotaEvents(realm.id())).isEmpty();
            }
            if (i == 7) {
                assertThat(mails(realm.id()))
                        .extracting(Mail::recipient)
                        .containsExactly("ops@example.org", "lead@example.org");
                assertThat(mails(realm.id()).getFirst().subject()).contains("used 70% of its daily quota");
            }
        }
        assertThat(api.post("/api/issue", realm.adminKey(), "{\"testType\":\"confirmed\"}")
                        .status())
                .isEqualTo(429);

        assertThat(mails(realm.id())).hasSize(4);
        assertThat(mails(realm.id()).get(2).subject()).contains("used 90% of its daily quota");
        assertThat(quotaEvents(realm.id())).containsExactly("70", "90");
    }

    @Test
    void smsErrorsOverTheThresholdAreMailedOnceADayLeavingOutIgnoredCodes() throws Exception {
        TestRealm realm = TestRealm.create(realms, apiKeys, Map.of("contact_email_addresses", "ops@example.org"));
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        smsErrors(realm.id(), today, "30003", 500);
        smsErrors(realm.id(), today, "21610", 49);

        emailer.run(clock.instant());
        assertThat(mails(realm.id())).as("49 errors that count").isEmpty();

        smsErrors(realm.id(), today, "30008", 1);
        emailer.run(clock.instant());
        emailer.run(clock.instant());

        assertThat(mails(realm.id()))
                .singleElement()
                .isEqualTo(new Mail("ops@example.org", "Enverify: 50 SMS errors today in " + name(realm.id())));
    }

    @Test
    void anAnomalyTheModelerFlaggedIsMailedOnceADay() throws Exception {
        TestRealm realm = TestRealm.create(realms, apiKeys, Map.of("contact_email_addresses", CONTACTS));
        TestRealm quiet = TestRealm.create(realms, apiKeys);
        realms.recordClaimRatio(realm.id(), new ClaimRatio(0.1, 0.9, 0.05, true, clock.instant()));
        realms.recordClaimRatio(quiet.id(), new ClaimRatio(0.1, 0.9, 0.05, true, clock.instant()));

        emailer.run(clock.instant());
        emailer.run(clock.instant());

        assertThat(mails(realm.id()))
                .extracting(Mail::recipient)
                .containsExactly("ops@example.org", "lead@example.org");
        assertThat(mails(realm.id()).getFirst().subject()).contains("unusual share of claimed codes");
        assertThat(mails(quiet.id())).as("a realm without contacts").isEmpty();
    }

    @Test
    void contactAddressesAreCheckedAndChangedOnTheSettingsPage(TestRealm realm, UiClient admin) {
        assertThatThrownBy(() ->
                        realms.update(realm.id(), Map.of("contact_email_addresses", "not-an-address"), Actor.system()))
                .isInstanceOf(RealmSettingsRefused.class);
        String eleven = String.join(
                ",",
                IntStream.rangeClosed(1, 11)
                        .mapToObj(i -> "p" + i + "@example.org")
                        .toList());
        assertThatThrownBy(() -> realms.update(realm.id(), Map.of("contact_email_addresses", eleven), Actor.system()))
                .isInstanceOf(RealmSettingsRefused.class);

        admin.signIn(
                TestUsers.member(users, memberships, realm.id(), Permission.REALM_ADMIN)
                        .email(),
                TestUsers.PASSWORD);
        assertThat(admin.get("/realm/settings").body()).contains("contact_email_addresses");
        UiClient.Page refused = admin.post("/realm/settings", Map.of("contact_email_addresses", "ops@"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(realms.find(realm.id())
                        .orElseThrow()
                        .settings(ContactRealmSettings.class)
                        .contactEmailAddresses())
                .isEmpty();

        admin.get("/realm/settings");
        assertThat(admin.post("/realm/settings", Map.of("contact_email_addresses", CONTACTS))
                        .location())
                .contains("saved");
        assertThat(realms.find(realm.id())
                        .orElseThrow()
                        .settings(ContactRealmSettings.class)
                        .contactEmailAddresses())
                .containsExactly("ops@example.org", "lead@example.org");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entries WHERE realm_id = ? AND action = 'realm.update'"
                                + " AND diff::text LIKE '%ops@example.org%'")
                        .param(realm.id().value())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    private String name(RealmId realm) {
        return realms.find(realm).orElseThrow().name();
    }

    private void smsErrors(RealmId realm, LocalDate day, String code, int quantity) {
        jdbc.sql("""
                INSERT INTO sms_error_days (realm_id, day, error_code, quantity) VALUES (?, ?, ?, ?)
                ON CONFLICT (realm_id, day, error_code) DO UPDATE SET quantity = sms_error_days.quantity + excluded.quantity""").params(realm.value(), day, code, quantity).update();
    }
}
