package org.enverify.abuse;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.enverify.jobs.PeriodicTask;
import org.enverify.platform.Actor;
import org.enverify.realm.ClaimRatio;
import org.enverify.realm.Realm;
import org.enverify.realm.Realms;
import org.enverify.stats.DailyRealmCounts;
import org.enverify.stats.RealmCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Learns from each realm's last {@value #WINDOW_DAYS} complete UTC days. For a realm with abuse
 * prevention it fits a straight line to the codes issued per day and makes the line's value for the
 * next day the realm's daily limit. For every realm it compares the latest day's claimed/issued ratio
 * with the days before and flags a fall of more than the allowed standard deviations. A realm with
 * fewer than {@value #MIN_DAYS} days of counts is left as it is.
 */
@Component
class Modeler implements PeriodicTask {

    static final int WINDOW_DAYS = 21;
    static final int MIN_DAYS = 14;
    private static final Logger log = LoggerFactory.getLogger(Modeler.class);

    private final Realms realms;
    private final RealmCounters counters;
    private final ModelerSettings settings;
    private final MeterRegistry meters;

    Modeler(Realms realms, RealmCounters counters, ModelerSettings settings, MeterRegistry meters) {
        this.realms = realms;
        this.counters = counters;
        this.settings = settings;
        this.meters = meters;
    }

    @Override
    public String name() {
        return "modeler";
    }

    @Override
    public String defaultSchedule() {
        return "FIXED_DELAY|PT4H";
    }

    @Override
    public String run(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate first = today.minusDays(WINDOW_DAYS);
        LocalDate latest = today.minusDays(1);
        int seen = 0;
        int limits = 0;
        int ratios = 0;
        int anomalies = 0;
        List<String> failures = new ArrayList<>();
        for (Realm realm : realms.list()) {
            if (realm.disabled()) {
                continue;
            }
            seen++;
            try {
                List<DailyRealmCounts> days = counters.daily(realm.id(), first, latest);
                if (realm.settings(AbuseRealmSettings.class).abusePreventionEnabled()
                        && updateLimit(realm, days, latest)) {
                    limits++;
                }
                Optional<ClaimRatio> ratio = claimRatio(days, latest, now);
                if (ratio.isPresent()) {
                    realms.recordClaimRatio(realm.id(), ratio.get());
                    ratios++;
                    if (ratio.get().anomalous()) {
                        anomalies++;
                        anomalyCounter(realm).increment();
                        log.warn(
                                "Realm {}: claimed/issued ratio {} is far under its mean {} (stddev {})",
                                realm.id(),
                                ratio.get().last(),
                                ratio.get().mean(),
                                ratio.get().stddev());
                    }
                }
            } catch (RuntimeException e) {
                log.warn("Modeling realm {} failed", realm.id(), e);
                failures.add("realm " + realm.id() + ": " + e.getMessage());
            }
        }
        String summary = seen + " realms: " + limits + " limits changed, " + ratios + " claim ratios modeled, "
                + anomalies + " anomalies";
        if (!failures.isEmpty()) {
            throw new IllegalStateException(summary + "; failed: " + String.join("; ", failures));
        }
        return summary;
    }

    /** @return whether the limit changed */
    private boolean updateLimit(Realm realm, List<DailyRealmCounts> days, LocalDate latest) {
        if (days.size() < MIN_DAYS) {
            return false;
        }
        LocalDate start = days.stream()
                .map(DailyRealmCounts::day)
                .min(Comparator.naturalOrder())
                .orElseThrow();
        // A day without counts issued nothing: it is a zero, not a gap.
        long[] issued = new long[(int) ChronoUnit.DAYS.between(start, latest) + 1];
        for (DailyRealmCounts day : days) {
            issued[(int) ChronoUnit.DAYS.between(start, day.day())] = day.codesIssued();
        }
        int limit = Trends.limit(Trends.predictNext(issued), settings.minLimit(), settings.maxLimit());
        if (limit == realm.settings(AbuseRealmSettings.class).abusePreventionLimit()) {
            return false;
        }
        realms.update(realm.id(), Map.of(AbuseRealmSettingsGroup.LIMIT, Integer.toString(limit)), Actor.system());
        log.info(
                "Realm {}: daily limit {} -> {}",
                realm.id(),
                realm.settings(AbuseRealmSettings.class).abusePreventionLimit(),
                limit);
        return true;
    }

    /** Empty when fewer than {@value #MIN_DAYS} days before the latest issued any code. */
    private Optional<ClaimRatio> claimRatio(List<DailyRealmCounts> days, LocalDate latest, Instant now) {
        double last = 1.0;
        List<Double> before = new ArrayList<>();
        for (DailyRealmCounts day : days) {
            if (day.day().equals(latest)) {
                last = ratio(day);
            } else if (day.codesIssued() > 0) {
                before.add(ratio(day));
            }
        }
        if (before.size() < MIN_DAYS) {
            return Optional.empty();
        }
        double mean = Trends.mean(before);
        double stddev = Trends.stddev(before);
        return Optional.of(new ClaimRatio(
                last, mean, stddev, Trends.anomalous(last, mean, stddev, settings.anomalyAllowedStdevs()), now));
    }

    /** Claimed over issued, at most 1 (codes issued one day are claimed the next); 1 on a day that issued none. */
    private static double ratio(DailyRealmCounts day) {
        return day.codesIssued() == 0 ? 1.0 : Math.min(1.0, (double) day.codesClaimed() / day.codesIssued());
    }

    private Counter anomalyCounter(Realm realm) {
        return Counter.builder("enverify.modeler.anomalies")
                .description("Realms whose claimed/issued ratio fell far under its mean, per modeler run")
                .tag("realm", realm.id().toString())
                .register(meters);
    }
}
