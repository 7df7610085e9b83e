package org.enverify.stats;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.enverify.apikey.ApiKeySummary;
import org.enverify.apikey.ApiKeys;
import org.enverify.platform.EnverifySettings;
import org.enverify.realm.RealmId;
import org.springframework.stereotype.Service;

/**
 * A realm's statistics for the last {@value #DAYS} UTC days including today, newest first, days
 * without activity filled with zeros. Each answer is cached for the cache lifetime
 * ({@code ENVERIFY_CACHE_TTL}), so a dashboard that polls reaches the database once per realm and
 * view in that time, however often it asks; a count made since shows up when the entry expires.
 */
@Service
public class Statistics {

    public static final int DAYS = 90;

    /** One realm day; the distribution has one count per claim-age bucket, ≤1m up to ≤336h. */
    public record RealmDay(
            LocalDate day,
            long codesIssued,
            long codesClaimed,
            long codesInvalid,
            long tokensClaimed,
            long tokensInvalid,
            long codeClaimMeanAgeSeconds,
            List<Long> codeClaimAgeDistribution) {

        static RealmDay empty(LocalDate day) {
            return new RealmDay(day, 0, 0, 0, 0, 0, 0, Collections.nCopies(RealmCounters.CLAIM_AGE_BOUNDS.size(), 0L));
        }
    }

    public record ApiKeyDay(
            LocalDate day,
            long codesIssued,
            long codesClaimed,
            long codesInvalid,
            long tokensClaimed,
            long tokensInvalid) {

        static ApiKeyDay empty(LocalDate day) {
            return new ApiKeyDay(day, 0, 0, 0, 0, 0);
        }
    }

    public record ApiKeyStats(ApiKeySummary key, List<ApiKeyDay> days) {}

    public record IssuerCount(String issuerId, long codesIssued) {}

    /** Codes a web UI user issued over the window. */
    public record UserCount(long userId, String name, long codesIssued) {}

    /** Every issuer seen in the window appears on every day, in issuer order. */
    public record ExternalIssuerDay(LocalDate day, List<IssuerCount> issuers) {}

    private record ApiKeyRef(RealmId realm, long keyId) {}

    private final StatsRepository repository;
    private final ApiKeys apiKeys;
    private final Clock clock;
    private final Cache<RealmId, List<RealmDay>> realmDays;
    private final Cache<ApiKeyRef, Optional<ApiKeyStats>> apiKeyStats;
    private final Cache<RealmId, List<ExternalIssuerDay>> issuerDays;

    Statistics(
            StatsRepository repository, ApiKeys apiKeys, Clock clock, EnverifySettings settings, MeterRegistry meters) {
        this.repository = repository;
        this.apiKeys = apiKeys;
        this.clock = clock;
        this.realmDays = cache(settings, meters, "stats-realm");
        this.apiKeyStats = cache(settings, meters, "stats-api-key");
        this.issuerDays = cache(settings, meters, "stats-external-issuers");
    }

    private static <K, V> Cache<K, V> cache(EnverifySettings settings, MeterRegistry meters, String name) {
        Cache<K, V> cache = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterWrite(settings.cacheTtl())
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(meters, cache, name);
        return cache;
    }

    public List<RealmDay> realm(RealmId realm) {
        return realmDays.get(realm, ignored -> {
            Window window = window();
            Map<LocalDate, RealmDay> found =
                    byDay(repository.realmDays(realm, window.from(), window.to()), RealmDay::day);
            return window.days().stream()
                    .map(day -> found.getOrDefault(day, RealmDay.empty(day)))
                    .toList();
        });
    }

    /** Empty when the realm has no such key: a key of another realm is as unknown as one that never existed. */
    public Optional<ApiKeyStats> apiKey(RealmId realm, long keyId) {
        return apiKeyStats.get(
                new ApiKeyRef(realm, keyId),
                ignored -> apiKeys.find(realm, keyId).map(key -> {
                    Window window = window();
                    Map<LocalDate, ApiKeyDay> found =
                            byDay(repository.apiKeyDays(realm, keyId, window.from(), window.to()), ApiKeyDay::day);
                    return new ApiKeyStats(
                            key,
                            window.days().stream()
                                    .map(day -> found.getOrDefault(day, ApiKeyDay.empty(day)))
                                    .toList());
                }));
    }

    /** The realm's web UI users by codes issued over the window, most first; uncached, for the statistics page. */
    public List<UserCount> users(RealmId realm) {
        Window window = window();
        return repository.userTotals(realm, window.from(), window.to());
    }

    public List<ExternalIssuerDay> externalIssuers(RealmId realm) {
        return issuerDays.get(realm, ignored -> {
            Window window = window();
            List<StatsRepository.IssuerDay> rows = repository.externalIssuerDays(realm, window.from(), window.to());
            TreeSet<String> seen = rows.stream()
                    .map(StatsRepository.IssuerDay::issuerId)
                    .collect(Collectors.toCollection(TreeSet::new));
            Map<LocalDate, Map<String, Long>> counts = new TreeMap<>();
            for (StatsRepository.IssuerDay row : rows) {
                counts.computeIfAbsent(row.day(), day -> new TreeMap<>()).put(row.issuerId(), row.codesIssued());
            }
            return window.days().stream()
                    .map(day -> new ExternalIssuerDay(
                            day,
                            seen.stream()
                                    .map(issuer -> new IssuerCount(
                                            issuer,
                                            counts.getOrDefault(day, Map.of()).getOrDefault(issuer, 0L)))
                                    .toList()))
                    .toList();
        });
    }

    private record Window(LocalDate from, LocalDate to) {

        /** Newest first. */
        List<LocalDate> days() {
            List<LocalDate> days = new ArrayList<>(DAYS);
            for (LocalDate day = to; !day.isBefore(from); day = day.minusDays(1)) {
                days.add(day);
            }
            return days;
        }
    }

    private Window window() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return new Window(today.minusDays(DAYS - 1), today);
    }

    private static <T> Map<LocalDate, T> byDay(List<T> rows, Function<T, LocalDate> day) {
        return rows.stream().collect(Collectors.toMap(day, Function.identity()));
    }
}
