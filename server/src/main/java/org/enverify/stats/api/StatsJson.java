package org.enverify.stats.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.enverify.apikey.ApiKeySummary;
import org.enverify.realm.RealmId;
import org.enverify.stats.Statistics;
import org.enverify.stats.SystemStatistics;
import org.enverify.stats.keyserver.KeyServerStatsDay;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The JSON documents of the stats API, in upstream's shapes so that upstream's own Go types decode
 * them: field names in upstream's order, dates as RFC 3339 timestamps at UTC midnight (Go's {@code
 * time.Time}), newest day first. A family with nothing to list answers upstream's {@code {}}.
 */
final class StatsJson {

    /** What upstream sends for a list with no rows. */
    static final Map<String, Object> NO_DATA = Map.of();

    /** Go's zero {@code time.Time}: upstream's composite days carry the key server's {@code day} unset. */
    private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private StatsJson() {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RealmStats(long realmId, List<Dated<RealmData>> statistics) {}

    record Dated<T>(String date, T data) {}

    /**
     * A realm day. Upstream stores the claim-age histogram only once a claim happened, so a day
     * without claims has an empty one.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RealmData(
            long codesIssued,
            long codesClaimed,
            long codesInvalid,
            ByOs codesInvalidByOs,
            long userReportsIssued,
            long userReportsClaimed,
            long userReportsInvalidNonce,
            ByOs userReportsInvalidNonceByOs,
            long tokensClaimed,
            long tokensInvalid,
            long userReportTokensClaimed,
            long codeClaimMeanAgeSeconds,
            List<Long> codeClaimAgeDistribution) {

        static RealmData of(Statistics.RealmDay day) {
            return new RealmData(
                    day.codesIssued(),
                    day.codesClaimed(),
                    day.codesInvalid(),
                    ByOs.of(day.codesInvalidByOs()),
                    day.userReportsIssued(),
                    day.userReportsClaimed(),
                    day.userReportsInvalidNonce(),
                    ByOs.of(day.userReportsInvalidNonceByOs()),
                    day.tokensClaimed(),
                    day.tokensInvalid(),
                    day.userReportTokensClaimed(),
                    day.codeClaimMeanAgeSeconds(),
                    claimAges(day));
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ByOs(long unknownOs, long ios, long android) {

        static ByOs of(Statistics.OsCounts counts) {
            return new ByOs(counts.unknown(), counts.ios(), counts.android());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ApiKeyStats(
            long authorizedAppId,
            String authorizedAppName,
            String authorizedAppType,
            List<Dated<ApiKeyData>> statistics) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ApiKeyData(long codesIssued, long codesClaimed, long codesInvalid, long tokensClaimed, long tokensInvalid) {

        static ApiKeyData of(Statistics.ApiKeyDay day) {
            return new ApiKeyData(
                    day.codesIssued(),
                    day.codesClaimed(),
                    day.codesInvalid(),
                    day.tokensClaimed(),
                    day.tokensInvalid());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ExternalIssuerStats(long realmId, List<IssuerDay> statistics) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record IssuerDay(String date, List<IssuerData> issuerData) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record IssuerData(String issuerId, long codesIssued) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UsersStats(long realmId, List<UsersDay> statistics) {}

    /** Upstream names the users of a day {@code issuer_data}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UsersDay(String date, List<UserData> issuerData) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UserData(long userId, String name, String email, long codesIssued) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UserStats(
            long realmId, long userId, String userName, String userEmail, List<Dated<UserDayData>> statistics) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UserDayData(long codesIssued) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SmsErrorStats(long realmId, List<SmsErrorDay> statistics) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SmsErrorDay(String date, List<SmsErrorData> errorData) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SmsErrorData(String errorCode, long quantity) {}

    /**
     * The key server's own {@code StatsDay}. Its histograms are null where upstream leaves them unset
     * (a composite day without key server statistics), and are sent as {@code null} as upstream does.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record KeyServerDay(
            String day,
            PublishRequests publishRequests,
            long totalTeksPublished,
            long requestsWithRevisions,
            @JsonInclude(JsonInclude.Include.ALWAYS) List<Long> tekAgeDistribution,
            @JsonInclude(JsonInclude.Include.ALWAYS) List<Long> onsetToUploadDistribution,
            long requestsMissingOnsetDate) {

        static final KeyServerDay UNSET =
                new KeyServerDay(ZERO_TIME, new PublishRequests(0, 0, 0), 0, 0, null, null, 0);

        static KeyServerDay of(KeyServerStatsDay day, String date) {
            return new KeyServerDay(
                    date,
                    new PublishRequests(
                            day.publishRequestsUnknown(), day.publishRequestsAndroid(), day.publishRequestsIos()),
                    day.totalTeksPublished(),
                    day.revisionRequests(),
                    day.tekAgeDistribution(),
                    day.onsetToUploadDistribution(),
                    day.requestsMissingOnsetDate());
        }
    }

    record PublishRequests(long unknown, long android, long ios) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CompositeStats(long realmId, boolean hasKeyServerStats, List<Dated<CompositeData>> statistics) {}

    /** Upstream embeds its realm day and the key server's day in one object, then adds the total. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"realm", "key_server", "total_publish_requests"})
    record CompositeData(
            @JsonUnwrapped RealmData realm, @JsonUnwrapped KeyServerDay keyServer, long totalPublishRequests) {}

    static RealmStats realm(RealmId realm, List<Statistics.RealmDay> days) {
        return new RealmStats(realm.value(), dated(days, Statistics.RealmDay::day, RealmData::of));
    }

    static ApiKeyStats apiKey(Statistics.ApiKeyStats stats) {
        ApiKeySummary key = stats.key();
        return new ApiKeyStats(
                key.id(), key.name(), typeName(key), dated(stats.days(), Statistics.ApiKeyDay::day, ApiKeyData::of));
    }

    /** As upstream names key types: {@code device}, {@code admin}, {@code stats}. */
    static String typeName(ApiKeySummary key) {
        return key.type().name().toLowerCase(Locale.ROOT);
    }

    static Object externalIssuers(RealmId realm, List<Statistics.BreakdownDay<String>> days) {
        if (days.isEmpty()) {
            return NO_DATA;
        }
        return new ExternalIssuerStats(
                realm.value(),
                days.stream()
                        .map(day -> new IssuerDay(
                                date(day.day()),
                                day.counts().stream()
                                        .map(count -> new IssuerData(count.name(), count.count()))
                                        .toList()))
                        .toList());
    }

    static Object users(RealmId realm, List<Statistics.BreakdownDay<Statistics.UserRef>> days) {
        if (days.isEmpty()) {
            return NO_DATA;
        }
        return new UsersStats(
                realm.value(),
                days.stream()
                        .map(day -> new UsersDay(
                                date(day.day()),
                                day.counts().stream()
                                        .map(count -> new UserData(
                                                count.name().id(),
                                                count.name().name(),
                                                count.name().email(),
                                                count.count()))
                                        .toList()))
                        .toList());
    }

    static UserStats user(RealmId realm, Statistics.UserStats stats) {
        Statistics.UserRef user = stats.user();
        return new UserStats(
                realm.value(),
                user.id(),
                user.name(),
                user.email(),
                dated(stats.days(), Statistics.UserDay::day, day -> new UserDayData(day.codesIssued())));
    }

    static Object smsErrors(RealmId realm, List<Statistics.BreakdownDay<String>> days) {
        if (days.isEmpty()) {
            return NO_DATA;
        }
        return new SmsErrorStats(
                realm.value(),
                days.stream()
                        .map(day -> new SmsErrorDay(
                                date(day.day()),
                                day.counts().stream()
                                        .map(count -> new SmsErrorData(count.name(), count.count()))
                                        .toList()))
                        .toList());
    }

    /** A bare array, as upstream passes the key server's days through. */
    static List<KeyServerDay> keyServer(List<KeyServerStatsDay> days) {
        return days.stream().map(day -> KeyServerDay.of(day, date(day.day()))).toList();
    }

    /** Always newest first, whatever order the composite's days are in. */
    static Object composite(RealmId realm, Statistics.Composite composite) {
        if (composite.days().isEmpty()) {
            return NO_DATA;
        }
        return new CompositeStats(
                realm.value(),
                composite.keyServerEnabled(),
                dated(
                        newestFirst(composite),
                        Statistics.CompositeDay::day,
                        day -> new CompositeData(
                                RealmData.of(day.realm()),
                                day.keyServer() == null
                                        ? KeyServerDay.UNSET
                                        : KeyServerDay.of(day.keyServer(), ZERO_TIME),
                                day.keyServer() == null ? 0 : day.keyServer().totalPublishRequests())));
    }

    /**
     * All realms together in upstream's realm document: {@code realm_id} is the number of realms
     * active on the newest day listed, as upstream reuses that field, and every count but the codes
     * issued and claimed is zero.
     */
    static Object system(List<SystemStatistics.Day> days) {
        if (days.isEmpty()) {
            return NO_DATA;
        }
        ByOs none = new ByOs(0, 0, 0);
        return new RealmStats(
                days.getFirst().realms(),
                dated(
                        days,
                        SystemStatistics.Day::day,
                        day -> new RealmData(
                                day.codesIssued(), day.codesClaimed(), 0, none, 0, 0, 0, none, 0, 0, 0, 0, List.of())));
    }

    /** The composite's days newest first: {@link Statistics#composite} keeps upstream's order, which varies. */
    static List<Statistics.CompositeDay> newestFirst(Statistics.Composite composite) {
        return composite.days().stream()
                .sorted((a, b) -> b.day().compareTo(a.day()))
                .toList();
    }

    /** An empty histogram on a day without claims, as upstream has it. */
    static List<Long> claimAges(Statistics.RealmDay day) {
        return day.codesClaimed() == 0 ? List.of() : day.codeClaimAgeDistribution();
    }

    /** Midnight UTC of the day in RFC 3339, as Go writes a {@code time.Time}: {@code 2026-12-05T00:00:00Z}. */
    static String date(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().toString();
    }

    private static <D, T> List<Dated<T>> dated(List<D> days, Function<D, LocalDate> dayOf, Function<D, T> data) {
        return days.stream()
                .map(day -> new Dated<>(date(dayOf.apply(day)), data.apply(day)))
                .toList();
    }
}
