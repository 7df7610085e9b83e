package org.enverify.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.enverify.apikey.ApiKeys;
import org.enverify.platform.EnverifySettings;
import org.enverify.realm.ClaimRatio;
import org.enverify.realm.Realms;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.EnverifyProcess;
import org.enverify.support.MutableClock;
import org.enverify.support.TestRealm;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The modeler on counts seeded straight into {@code realm_daily_counters}, run as the worker runs it. */
@EnverifyIntegrationTest
class ModelerIntegrationTests {

    @Autowired
    Modeler modeler;

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    MeterRegistry meters;

    @Autowired
    EnverifySettings settings;

    private TestRealm guardedRealm() {
        return TestRealm.create(
                realms,
                apiKeys,
                Map.of("require_date", "false", "abuse_prevention_enabled", "true", "abuse_prevention_limit", "500"));
    }

    /** Seeds {@code issued[i]} codes on the day {@code issued.length - i} days before today, split over two shards. */
    private void seedIssued(TestRealm realm, long... issued) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        for (int i = 0; i < issued.length; i++) {
            LocalDate day = today.minusDays(issued.length - i);
            seed(realm, day, 0, issued[i] / 2, 0);
            seed(realm, day, 1, issued[i] - issued[i] / 2, 0);
        }
    }

    private void seed(TestRealm realm, LocalDate day, int shard, long issued, long claimed) {
        jdbc.sql("""
                INSERT INTO realm_daily_counters (realm_id, day, shard, codes_issued, codes_claimed)
                VALUES (?, ?, ?, ?, ?)""").params(realm.id().value(), day, shard, issued, claimed).update();
    }

    private int limitOf(TestRealm realm) {
        return realms.find(realm.id())
                .orElseThrow()
                .settings(AbuseRealmSettings.class)
                .abusePreventionLimit();
    }

    @Test
    void setsTheLimitToTheTrendsNextDay() throws Exception {
        TestRealm realm = guardedRealm();
        // The series worked by hand in TrendsTests: the line's next value is 28.19.
        seedIssued(realm, 10, 12, 11, 15, 14, 18, 17, 20, 19, 23, 22, 25, 24, 28);
        // Today is partial and left out of the fit.
        seed(realm, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), 0, 400, 0);

        assertThat(modeler.run(clock.instant())).contains("limits changed");
        assertThat(limitOf(realm)).isEqualTo(28);
        assertThat(realms.find(realm.id())
                        .orElseThrow()
                        .settings(AbuseRealmSettings.class)
                        .dailyQuota())
                .isEqualTo(28);

        modeler.run(clock.instant());
        assertThat(limitOf(realm)).as("a second run changes nothing").isEqualTo(28);
    }

    @Test
    void quietDaysCountAsZerosAndDaysOutsideTheWindowAreIgnored() throws Exception {
        TestRealm realm = guardedRealm();
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        seed(realm, today.minusDays(40), 0, 100_000, 0);
        // From 20 days back to yesterday, 60 codes a day except every third day, which has no row at all.
        for (int back = 20; back >= 1; back--) {
            if (back % 3 != 0) {
                seed(realm, today.minusDays(back), 0, 60, 0);
            }
        }
        modeler.run(clock.instant());
        // 60, 60, 0 repeated over 20 days fits a flat line at 42; leaving the quiet days out would give 60.
        assertThat(limitOf(realm)).isEqualTo(42);
    }

    @Test
    void clampsTheLimitToTheConfiguredBounds() throws Exception {
        TestRealm busy = guardedRealm();
        long[] huge = new long[14];
        for (int i = 0; i < huge.length; i++) {
            huge[i] = 20_000 + 1_000L * i;
        }
        seedIssued(busy, huge);
        TestRealm fading = guardedRealm();
        seedIssued(fading, 130, 120, 110, 100, 90, 80, 70, 60, 50, 40, 30, 20, 10, 0);

        modeler.run(clock.instant());

        assertThat(limitOf(busy)).isEqualTo(20_000);
        assertThat(limitOf(fading))
                .as("a prediction of -10 is clamped to the minimum")
                .isEqualTo(10);
    }

    @Test
    void leavesARealmWithFewerThanFourteenDaysAlone() throws Exception {
        TestRealm young = guardedRealm();
        seedIssued(young, 10, 12, 11, 15, 14, 18, 17, 20, 19, 23, 22, 25, 24);
        TestRealm unguarded = TestRealm.create(realms, apiKeys);
        seedIssued(unguarded, 10, 12, 11, 15, 14, 18, 17, 20, 19, 23, 22, 25, 24, 28);

        modeler.run(clock.instant());

        assertThat(limitOf(young)).isEqualTo(500);
        assertThat(realms.claimRatio(young.id())).isEmpty();
        assertThat(limitOf(unguarded))
                .as("without abuse prevention the limit is not touched")
                .isEqualTo(10);
    }

    @Test
    void flagsALatestClaimRatioMoreThanTwoDeviationsUnderItsMean() throws Exception {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        TestRealm falling = TestRealm.create(realms, apiKeys);
        TestRealm steady = TestRealm.create(realms, apiKeys);
        // 20 days before yesterday: ratios 0.9 and 0.8 in turn, so mean 0.85 and stddev 0.05.
        for (int back = 21; back >= 2; back--) {
            long claimed = back % 2 == 0 ? 90 : 80;
            seed(falling, today.minusDays(back), 0, 100, claimed);
            seed(steady, today.minusDays(back), 0, 100, claimed);
        }
        // Yesterday: 0.70 is 3 deviations under the mean; 0.78 is 1.4.
        seed(falling, today.minusDays(1), 0, 100, 70);
        seed(steady, today.minusDays(1), 0, 100, 78);
        double before = anomalies(falling);

        modeler.run(clock.instant());

        ClaimRatio fell = realms.claimRatio(falling.id()).orElseThrow();
        assertThat(fell.last()).isCloseTo(0.70, within(1e-9));
        assertThat(fell.mean()).isCloseTo(0.85, within(1e-9));
        assertThat(fell.stddev()).isCloseTo(0.05, within(1e-9));
        assertThat(fell.anomalous()).isTrue();
        assertThat(anomalies(falling)).isEqualTo(before + 1);
        ClaimRatio held = realms.claimRatio(steady.id()).orElseThrow();
        assertThat(held.last()).isCloseTo(0.78, within(1e-9));
        assertThat(held.anomalous()).isFalse();
        assertThat(meters.find("enverify.modeler.anomalies")
                        .tag("realm", steady.id().toString())
                        .counter())
                .isNull();

        EnverifyProcess.Result shown = EnverifyProcess.run(
                Map.of("ENVERIFY_DATA_DIR", settings.dataDir().toAbsolutePath().toString()),
                "realm",
                "show",
                falling.id().toString());
        assertThat(shown.exitCode()).as(shown.stderr()).isZero();
        assertThat(shown.stdout())
                .contains(
                        "last_codes_claimed_ratio=0.7000",
                        "codes_claimed_ratio_mean=0.8500",
                        "codes_claimed_ratio_stddev=0.0500",
                        "codes_claimed_ratio_anomaly=true");
    }

    private double anomalies(TestRealm realm) {
        var counter = meters.find("enverify.modeler.anomalies")
                .tag("realm", realm.id().toString())
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
