package org.enverify.stats;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.enverify.account.Memberships;
import org.enverify.account.User;
import org.enverify.account.Users;
import org.enverify.apikey.ApiKeySummary;
import org.enverify.apikey.ApiKeys;
import org.enverify.platform.EnverifySettings;
import org.enverify.realm.RealmId;
import org.enverify.sms.SmsErrors;
import org.enverify.stats.keyserver.KeyServerStats;
import org.enverify.stats.keyserver.KeyServerStatsDay;
import org.springframework.stereotype.Service;

/**
 * A realm's statistics for today and the {@value #DAYS_BACK} UTC days before it ({@value #DAYS}
 * days, as upstream shows them), newest first, days without activity filled with zeros. Each answer
 * is cached for the cache lifetime ({@code ENVERIFY_CACHE_TTL}), so a dashboard that polls reaches
 * the database once per realm and view in that time, however often it asks; a count made since
 * shows up when the entry expires.
 */
@Service
public class Statistics {

    public static final int DAYS_BACK = 90;

    public static final int DAYS = DAYS_BACK + 1;

    /** The key server's histograms of a day it reported nothing for, as long as upstream fills them. */
    private static final int TEK_AGE_BUCKETS = 16;

    private static final int ONSET_TO_UPLOAD_BUCKETS = 30;

    /** Counts by the operating system of the phone that asked. */
    public record OsCounts(long unknown, long ios, long android) {

        static final OsCounts NONE = new OsCounts(0, 0, 0);
    }

    /**
     * One realm day. User reports are counted among the codes and tokens too. The distribution has one
     * count per claim-age bucket, ≤1m up to ≤336h; claims older than that are in the mean only.
     */
    public record RealmDay(
            LocalDate day,
            long codesIssued,
            long codesClaimed,
            long codesInvalid,
            OsCounts codesInvalidByOs,
            long userReportsIssued,
            long userReportsClaimed,
            long userReportsInvalidNonce,
            OsCounts userReportsInvalidNonceByOs,
            long tokensClaimed,
            long tokensInvalid,
            long userReportTokensClaimed,
            long codeClaimMeanAgeSeconds,
            List<Long> codeClaimAgeDistribution,
            long smsSent) {

        static RealmDay empty(LocalDate day) {
            return new RealmDay(
                    day,
                    0,
                    0,
                    0,
                    OsCounts.NONE,
                    0,
                    0,
                    0,
                    OsCounts.NONE,
                    0,
                    0,
                    0,
                    0,
                    Collections.nCopies(RealmCounters.CLAIM_AGE_BOUNDS.size(), 0L),
                    0);
        }

        /** Nothing happened: upstream leaves such days out at the ends of the composite view. */
        public boolean isEmpty() {
            return codesIssued == 0
                    && codesClaimed == 0
                    && codesInvalid == 0
                    && userReportsIssued == 0
                    && userReportsClaimed == 0
                    && userReportsInvalidNonce == 0
                    && tokensClaimed == 0
                    && tokensInvalid == 0
                    && userReportTokensClaimed == 0
                    && codeClaimAgeDistribution.stream().allMatch(count -> count == 0);
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

    /** A count of one name (an external issuer, a web UI user, an SMS error code) on one day. */
    public record Count<T>(T name, long count) {}

    /**
     * One day of a breakdown by name: every name counted in the window appears on every day of it, in
     * the breakdown's order, so charts stay continuous. A breakdown with no names has no days.
     */
    public record BreakdownDay<T>(LocalDate day, List<Count<T>> counts) {}

    /** A web UI user as the statistics name them; name and email are empty for a deleted account. */
    public record UserRef(long id, String name, String email) {}

    /** Codes a web UI user issued over the window. */
    public record UserCount(long userId, String name, long codesIssued) {}

    public record UserDay(LocalDate day, long codesIssued) {}

    public record UserStats(UserRef user, List<UserDay> days) {}

    /**
     * A realm day with its key server's day.
     *
     * @param keyServer null when the realm's key server statistics are off
     */
    public record CompositeDay(LocalDate day, RealmDay realm, KeyServerStatsDay keyServer) {

        boolean isEmpty() {
            return realm.isEmpty() && (keyServer == null || keyServer.totalPublishRequests() == 0);
        }
    }

    /**
     * The realm's days merged with its key server's. Upstream drops the days without activity at the
     * head of its list before it writes it out; that head is the newest end when the key server
     * statistics are off and the oldest end when they are on, and the CSV file keeps that order.
     *
     * @param days newest first when the key server statistics are off, oldest first when they are on
     */
    public record Composite(boolean keyServerEnabled, List<CompositeDay> days) {}

    private record ApiKeyRef(RealmId realm, long keyId) {}

    private record UserKey(RealmId realm, long userId) {}

    private final StatsRepository repository;
    private final ApiKeys apiKeys;
    private final Users users;
    private final Memberships memberships;
    private final SmsErrors smsErrors;
    private final KeyServerStats keyServerStats;
    private final Clock clock;
    private final Cache<RealmId, List<RealmDay>> realmDays;
    private final Cache<ApiKeyRef, Optional<ApiKeyStats>> apiKeyStats;
    private final Cache<RealmId, List<BreakdownDay<String>>> issuerDays;
    private final Cache<RealmId, List<BreakdownDay<UserRef>>> userDays;
    private final Cache<UserKey, Optional<UserStats>> userStats;
    private final Cache<RealmId, List<BreakdownDay<String>>> smsErrorDays;
    private final Cache<RealmId, List<KeyServerStatsDay>> keyServerDays;
    private final Cache<RealmId, Composite> composites;

    Statistics(
            StatsRepository repository,
            ApiKeys apiKeys,
            Users users,
            Memberships memberships,
            SmsErrors smsErrors,
            KeyServerStats keyServerStats,
            Clock clock,
            EnverifySettings settings,
            MeterRegistry meters) {
        this.repository = repository;
        this.apiKeys = apiKeys;
        this.users = users;
        this.memberships = memberships;
        this.smsErrors = smsErrors;
        this.keyServerStats = keyServerStats;
        this.clock = clock;
        this.realmDays = cache(settings, meters, "stats-realm");
        this.apiKeyStats = cache(settings, meters, "stats-api-key");
        this.issuerDays = cache(settings, meters, "stats-external-issuers");
        this.userDays = cache(settings, meters, "stats-users");
        this.userStats = cache(settings, meters, "stats-user");
        this.smsErrorDays = cache(settings, meters, "stats-sms-errors");
        this.keyServerDays = cache(settings, meters, "stats-key-server");
        this.composites = cache(settings, meters, "stats-composite");
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
            return window.fill(repository.realmDays(realm, window.from(), window.to()), RealmDay::day, RealmDay::empty);
        });
    }

    /** Empty when the realm has no such key: a key of another realm is as unknown as one that never existed. */
    public Optional<ApiKeyStats> apiKey(RealmId realm, long keyId) {
        return apiKeyStats.get(
                new ApiKeyRef(realm, keyId),
                ignored -> apiKeys.find(realm, keyId).map(key -> {
                    Window window = window();
                    return new ApiKeyStats(
                            key,
                            window.fill(
                                    repository.apiKeyDays(realm, keyId, window.from(), window.to()),
                                    ApiKeyDay::day,
                                    ApiKeyDay::empty));
                }));
    }

    /**
     * The last UTC day on which each of the keys was used (a code issued, claimed or refused, a token spent or
     * refused), read from the keys' daily counters; a key never used, or of another realm, has no entry. Read
     * fresh, never cached: a page of keys asks once for all of them.
     */
    public Map<Long, LocalDate> lastUsedDays(RealmId realm, Collection<Long> keyIds) {
        return keyIds.isEmpty() ? Map.of() : repository.lastApiKeyDays(realm, keyIds);
    }

    /** Codes issued per {@code externalIssuerID}, issuers in alphabetical order. */
    public List<BreakdownDay<String>> externalIssuers(RealmId realm) {
        return issuerDays.get(realm, ignored -> {
            Window window = window();
            return window.breakdown(
                    repository.externalIssuerDays(realm, window.from(), window.to()),
                    Function.identity(),
                    Comparator.naturalOrder());
        });
    }

    /**
     * Codes issued per web UI user, users by name. Everyone who issued a code in the realm in the
     * window is here, members or not any more, named as their account is now.
     */
    public List<BreakdownDay<UserRef>> users(RealmId realm) {
        return userDays.get(realm, ignored -> {
            Window window = window();
            List<StatsRepository.NamedCount<Long>> rows = repository.userDays(realm, window.from(), window.to());
            Map<Long, UserRef> refs = new HashMap<>();
            rows.forEach(row -> refs.computeIfAbsent(row.name(), this::userRef));
            return window.breakdown(
                    rows,
                    refs::get,
                    Comparator.comparing((UserRef user) -> user.name().isEmpty())
                            .thenComparing(UserRef::name)
                            .thenComparingLong(UserRef::id));
        });
    }

    /** The realm's web UI users by codes issued over the window, most first, for the statistics page. */
    public List<UserCount> userTotals(RealmId realm) {
        Map<UserRef, Long> totals = new HashMap<>();
        users(realm)
                .forEach(day -> day.counts().forEach(count -> totals.merge(count.name(), count.count(), Long::sum)));
        return totals.entrySet().stream()
                .map(total -> new UserCount(total.getKey().id(), total.getKey().name(), total.getValue()))
                .sorted(Comparator.comparingLong(UserCount::codesIssued)
                        .reversed()
                        .thenComparingLong(UserCount::userId))
                .toList();
    }

    /** Empty unless the user is a member of the realm. */
    public Optional<UserStats> user(RealmId realm, long userId) {
        return userStats.get(
                new UserKey(realm, userId),
                ignored -> memberships.member(realm, userId).map(member -> {
                    Window window = window();
                    return new UserStats(
                            userRef(member.user()),
                            window.fill(
                                    repository.userCodesIssued(realm, userId, window.from(), window.to()),
                                    UserDay::day,
                                    day -> new UserDay(day, 0)));
                }));
    }

    /** SMS errors per provider error code, codes in alphabetical order. */
    public List<BreakdownDay<String>> smsErrors(RealmId realm) {
        return smsErrorDays.get(realm, ignored -> {
            Window window = window();
            List<StatsRepository.NamedCount<String>> rows = smsErrors.days(realm, window.from(), window.to()).stream()
                    .map(day -> new StatsRepository.NamedCount<>(day.day(), day.errorCode(), day.quantity()))
                    .toList();
            return window.breakdown(rows, Function.identity(), Comparator.naturalOrder());
        });
    }

    /** The days pulled from the realm's key server, whether pulling is on or not, zeros for days not pulled. */
    public List<KeyServerStatsDay> keyServer(RealmId realm) {
        return keyServerDays.get(realm, ignored -> {
            Window window = window();
            List<KeyServerStatsDay> pulled = keyServerStats.days(realm, window.from(), window.to());
            return window.fill(pulled, KeyServerStatsDay::day, Statistics::keyServerZero);
        });
    }

    public Composite composite(RealmId realm) {
        return composites.get(realm, ignored -> {
            boolean enabled = keyServerStats.config(realm).isPresent();
            Map<LocalDate, KeyServerStatsDay> keyServer = enabled
                    ? keyServer(realm).stream().collect(Collectors.toMap(KeyServerStatsDay::day, Function.identity()))
                    : Map.of();
            List<CompositeDay> days = new ArrayList<>();
            for (RealmDay day : realm(realm)) {
                days.add(new CompositeDay(day.day(), day, keyServer.get(day.day())));
            }
            if (enabled) {
                Collections.reverse(days);
            }
            int firstWithActivity = 0;
            while (firstWithActivity < days.size()
                    && days.get(firstWithActivity).isEmpty()) {
                firstWithActivity++;
            }
            return new Composite(enabled, List.copyOf(days.subList(firstWithActivity, days.size())));
        });
    }

    private static KeyServerStatsDay keyServerZero(LocalDate day) {
        return new KeyServerStatsDay(
                day,
                0,
                0,
                0,
                0,
                0,
                Collections.nCopies(TEK_AGE_BUCKETS, 0L),
                Collections.nCopies(ONSET_TO_UPLOAD_BUCKETS, 0L),
                0);
    }

    private UserRef userRef(long userId) {
        return users.find(userId).map(Statistics::userRef).orElse(new UserRef(userId, "", ""));
    }

    private static UserRef userRef(User user) {
        return new UserRef(user.id(), user.name(), user.email());
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

        /** Every day of the window, newest first: the row of the day, or an empty one. */
        <T> List<T> fill(List<T> rows, Function<T, LocalDate> dayOf, Function<LocalDate, T> empty) {
            Map<LocalDate, T> found = rows.stream().collect(Collectors.toMap(dayOf, Function.identity()));
            return days().stream()
                    .map(day -> found.getOrDefault(day, empty.apply(day)))
                    .toList();
        }

        /** Every day of the window, newest first, with a count (zero where none) for every name in the rows. */
        <K, T> List<BreakdownDay<T>> breakdown(
                List<StatsRepository.NamedCount<K>> rows, Function<K, T> name, Comparator<T> order) {
            if (rows.isEmpty()) {
                return List.of();
            }
            List<T> names = rows.stream()
                    .map(row -> name.apply(row.name()))
                    .distinct()
                    .sorted(order)
                    .toList();
            Map<LocalDate, Map<T, Long>> counts = new TreeMap<>();
            for (StatsRepository.NamedCount<K> row : rows) {
                counts.computeIfAbsent(row.day(), day -> new HashMap<>())
                        .merge(name.apply(row.name()), row.count(), Long::sum);
            }
            return days().stream()
                    .map(day -> new BreakdownDay<>(
                            day,
                            names.stream()
                                    .map(each -> new Count<>(
                                            each,
                                            counts.getOrDefault(day, Map.of()).getOrDefault(each, 0L)))
                                    .toList()))
                    .toList();
        }
    }

    private Window window() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return new Window(today.minusDays(DAYS_BACK), today);
    }
}
