package org.enverify.stats;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.enverify.platform.EnverifySettings;
import org.enverify.realm.RealmId;
import org.springframework.stereotype.Service;

/**
 * Codes issued and claimed in all realms together over the same days as a realm's statistics, for
 * system administrators, by upstream's rules: the end-to-end self-test's realm and the configured
 * realms are left out, only days with activity are listed, and a day with fewer active realms than
 * the minimum shows no codes, so that no single realm's numbers can be read off the sum. Cached for
 * the cache lifetime.
 */
@Service
public class SystemStatistics {

    /**
     * One day of all realms.
     *
     * @param realms how many realms (of those not left out) had activity that day
     * @param codesIssued zero when fewer realms than the minimum were active
     */
    public record Day(LocalDate day, long realms, long codesIssued, long codesClaimed) {}

    /** What is left out: the days of fewer active realms than {@code minRealms}, and these realms. */
    record Rules(int minRealms, Set<RealmId> excluded) {}

    private final StatsRepository repository;
    private final SystemStatsSettings settings;
    private final SelfTestRealm selfTestRealm;
    private final Clock clock;
    private final Cache<Rules, List<Day>> days;

    SystemStatistics(
            StatsRepository repository,
            SystemStatsSettings settings,
            SelfTestRealm selfTestRealm,
            Clock clock,
            EnverifySettings enverify,
            MeterRegistry meters) {
        this.repository = repository;
        this.settings = settings;
        this.selfTestRealm = selfTestRealm;
        this.clock = clock;
        this.days = Caffeine.newBuilder()
                .maximumSize(16)
                .expireAfterWrite(enverify.cacheTtl())
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(meters, days, "stats-system");
    }

    /** Newest first; empty when no realm that counts had activity in the window. */
    public List<Day> days() {
        Set<RealmId> excluded = new HashSet<>();
        settings.excludeRealms().forEach(id -> excluded.add(new RealmId(id)));
        selfTestRealm.find().ifPresent(excluded::add);
        return days(new Rules(settings.minRealms(), Set.copyOf(excluded)));
    }

    List<Day> days(Rules rules) {
        return days.get(rules, ignored -> {
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            return repository.systemDays(rules.excluded(), today.minusDays(Statistics.DAYS_BACK), today).stream()
                    .map(day -> day.realms() < rules.minRealms() ? new Day(day.day(), day.realms(), 0, 0) : day)
                    .toList();
        });
    }
}
