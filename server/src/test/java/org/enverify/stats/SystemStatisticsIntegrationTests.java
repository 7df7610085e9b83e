package org.enverify.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.enverify.account.Memberships;
import org.enverify.account.Users;
import org.enverify.apikey.ApiKeyType;
import org.enverify.apikey.ApiKeys;
import org.enverify.e2e.TestE2e;
import org.enverify.platform.EnverifySettings;
import org.enverify.realm.Permission;
import org.enverify.realm.RealmId;
import org.enverify.realm.Realms;
import org.enverify.realm.TestType;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.enverify.support.UiClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The codes of all realms together, by upstream's rules of what is left out. */
@EnverifyIntegrationTest
class SystemStatisticsIntegrationTests {

    @Autowired
    StatsRepository repository;

    @Autowired
    RealmCounters counters;

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    Users users;

    @Autowired
    Memberships memberships;

    @Autowired
    EnverifySettings settings;

    @Autowired
    MeterRegistry meters;

    @Autowired
    MutableClock clock;

    @Test
    void daysOfTooFewRealmsShowNoCodesAndTheExcludedRealmsAndTheSelfTestsAreLeftOut() {
        TestRealm a = TestRealm.create(realms, apiKeys);
        TestRealm b = TestRealm.create(realms, apiKeys);
        TestRealm c = TestRealm.create(realms, apiKeys);
        TestRealm excluded = TestRealm.create(realms, apiKeys);
        TestRealm selfTest = TestRealm.create(realms, apiKeys);
        // days far enough ahead that no other test has counted anything in their window
        clock.freeze();
        clock.advance(Duration.ofDays(2000));
        LocalDate first = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);

        issue(a.id(), 2);
        issue(b.id(), 1);
        counters.codeClaimed(
                b.id(),
                apiKeys.authenticate(b.deviceKey(), ApiKeyType.DEVICE)
                        .orElseThrow()
                        .keyId(),
                TestType.CONFIRMED,
                Duration.ofMinutes(3));
        issue(excluded.id(), 100);
        issue(selfTest.id(), 100);
        clock.advance(Duration.ofDays(1));
        issue(a.id(), 5); // alone: its numbers must not show
        issue(excluded.id(), 100);
        clock.advance(Duration.ofDays(2));
        issue(a.id(), 1);
        issue(b.id(), 1);
        issue(c.id(), 1);
        LocalDate today = first.plusDays(3);

        SystemStatistics system = new SystemStatistics(
                repository,
                new SystemStatsSettings(2, List.of(excluded.id().value())),
                TestE2e.realmOf(apiKeys, selfTest.adminKey()),
                clock,
                settings,
                meters);

        assertThat(system.days())
                .containsExactly(
                        new SystemStatistics.Day(today, 3, 3, 0),
                        new SystemStatistics.Day(first.plusDays(1), 1, 0, 0),
                        new SystemStatistics.Day(first, 2, 3, 1));
        assertThat(system.days(new SystemStatistics.Rules(4, Set.of())))
                .as("nothing left out, four realms needed")
                .containsExactly(
                        new SystemStatistics.Day(today, 3, 0, 0),
                        new SystemStatistics.Day(first.plusDays(1), 2, 0, 0),
                        new SystemStatistics.Day(first, 4, 203, 1));
    }

    @Test
    void systemAdminsReadItInUpstreamsRealmDocument(TestRealm a, TestRealm b, UiClient admin, UiClient member) {
        issue(a.id(), 1);
        issue(b.id(), 1);
        admin.signIn(TestUsers.systemAdmin(users).email(), TestUsers.PASSWORD);
        member.signIn(
                TestUsers.member(users, memberships, a.id(), Permission.REALM_ADMIN)
                        .email(),
                TestUsers.PASSWORD);

        UiClient.Page page = admin.get("/admin/stats/system.json");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("application/json");
        UpstreamStatsTypes.JsonRealmStat stat =
                UpstreamStatsTypes.decode(page.body(), UpstreamStatsTypes.JsonRealmStat.class);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        assertThat(stat.statistics().getFirst().date().value().toLocalDate()).isEqualTo(today);
        assertThat(stat.realmId()).as("realms active today").isGreaterThanOrEqualTo(2);
        assertThat(stat.statistics().getFirst().data().codesIssued()).isGreaterThanOrEqualTo(2);
        assertThat(stat.statistics().getFirst().data().codeClaimDistribution()).isEmpty();
        assertThat(member.get("/admin/stats/system.json").status()).isEqualTo(403);
    }

    private void issue(RealmId realm, int codes) {
        for (int i = 0; i < codes; i++) {
            counters.codeIssued(realm, null, null, null, TestType.CONFIRMED);
        }
    }
}
