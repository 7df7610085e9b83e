package org.enverify.stats.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import org.enverify.management.api.Envelope;
import org.enverify.management.api.Paging;
import org.enverify.management.api.RealmCaller;
import org.enverify.management.api.RequireScope;
import org.enverify.platform.ListQuery;
import org.enverify.platform.api.ApiException;
import org.enverify.platform.api.ErrorCode;
import org.enverify.platform.api.ManagementApi;
import org.enverify.realm.Permission;
import org.enverify.stats.Statistics;
import org.enverify.stats.keyserver.KeyServerStatsDay;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The stats API's eight families as management API lists, read from {@link Statistics} as the stats API's files
 * are: one item per day (per day and name for a breakdown, as {@link BreakdownRows}), the day as {@code
 * YYYY-MM-DD} and the counts under the stats API's names, newest day first unless {@code sort=day}.
 */
@RestController
@ManagementApi
class RealmStatsApiController {

    private final Statistics statistics;

    RealmStatsApiController(Statistics statistics) {
        this.statistics = statistics;
    }

    /** A day and its counts beside it. */
    record DayOf<T>(LocalDate day, @JsonUnwrapped T counts) {}

    /** Codes a web UI user issued on a day; name and email are empty for a deleted account. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UserCodesIssued(LocalDate day, String userId, String name, String email, long codesIssued) {}

    /**
     * A realm day with its key server's day.
     *
     * @param keyServer absent while the realm's key server statistics are not pulled
     * @param totalPublishRequests absent with {@code keyServer}
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CompositeDay(
            LocalDate day,
            @JsonUnwrapped StatsJson.RealmData realm,
            StatsJson.KeyServerDay keyServer,
            Long totalPublishRequests) {

        static CompositeDay of(Statistics.CompositeDay day) {
            return day.keyServer() == null
                    ? new CompositeDay(day.day(), StatsJson.RealmData.of(day.realm()), null, null)
                    : new CompositeDay(
                            day.day(),
                            StatsJson.RealmData.of(day.realm()),
                            keyServerDay(day.keyServer()),
                            day.keyServer().totalPublishRequests());
        }
    }

    @GetMapping("/api/v1/realms/{realmId}/stats/realm")
    Envelope<List<DayOf<StatsJson.RealmData>>> realm(
            @RequireScope(Permission.STATS_READ) RealmCaller caller, @Paging(sorts = "day") ListQuery query) {
        return Envelope.page(
                inOrder(statistics.realm(caller.realm()), query),
                query,
                day -> new DayOf<>(day.day(), StatsJson.RealmData.of(day)));
    }

    @GetMapping("/api/v1/realms/{realmId}/stats/users")
    Envelope<List<UserCodesIssued>> users(
            @RequireScope({Permission.STATS_READ, Permission.USER_READ}) RealmCaller caller,
            @Paging(sorts = "day") ListQuery query) {
        List<UserCodesIssued> rows = BreakdownRows.of(
                inOrder(statistics.users(caller.realm()), query),
                (day, user, count) ->
                        new UserCodesIssued(day, Long.toString(user.id()), user.name(), user.email(), count));
        return Envelope.page(rows, query, Function.identity());
    }

    /** Another realm's member, or anyone who is not a member, is not found. */
    @GetMapping("/api/v1/realms/{realmId}/stats/users/{userId}")
    Envelope<List<DayOf<StatsJson.UserDayData>>> user(
            @RequireScope({Permission.STATS_READ, Permission.USER_READ}) RealmCaller caller,
            @PathVariable long userId,
            @Paging(sorts = "day") ListQuery query) {
        Statistics.UserStats stats =
                statistics.user(caller.realm(), userId).orElseThrow(RealmStatsApiController::notFound);
        return Envelope.page(
                inOrder(stats.days(), query),
                query,
                day -> new DayOf<>(day.day(), new StatsJson.UserDayData(day.codesIssued())));
    }

    /** A key of another realm is not found. */
    @GetMapping("/api/v1/realms/{realmId}/stats/api-keys/{keyId}")
    Envelope<List<DayOf<StatsJson.ApiKeyData>>> apiKey(
            @RequireScope(Permission.STATS_READ) RealmCaller caller,
            @PathVariable long keyId,
            @Paging(sorts = "day") ListQuery query) {
        Statistics.ApiKeyStats stats =
                statistics.apiKey(caller.realm(), keyId).orElseThrow(RealmStatsApiController::notFound);
        return Envelope.page(
                inOrder(stats.days(), query), query, day -> new DayOf<>(day.day(), StatsJson.ApiKeyData.of(day)));
    }

    @GetMapping("/api/v1/realms/{realmId}/stats/external-issuers")
    Envelope<List<DayOf<StatsJson.IssuerData>>> externalIssuers(
            @RequireScope(Permission.STATS_READ) RealmCaller caller, @Paging(sorts = "day") ListQuery query) {
        List<DayOf<StatsJson.IssuerData>> rows = BreakdownRows.of(
                inOrder(statistics.externalIssuers(caller.realm()), query),
                (day, issuer, count) -> new DayOf<>(day, new StatsJson.IssuerData(issuer, count)));
        return Envelope.page(rows, query, Function.identity());
    }

    @GetMapping("/api/v1/realms/{realmId}/stats/sms-errors")
    Envelope<List<DayOf<StatsJson.SmsErrorData>>> smsErrors(
            @RequireScope(Permission.STATS_READ) RealmCaller caller, @Paging(sorts = "day") ListQuery query) {
        List<DayOf<StatsJson.SmsErrorData>> rows = BreakdownRows.of(
                inOrder(statistics.smsErrors(caller.realm()), query),
                (day, errorCode, count) -> new DayOf<>(day, new StatsJson.SmsErrorData(errorCode, count)));
        return Envelope.page(rows, query, Function.identity());
    }

    @GetMapping("/api/v1/realms/{realmId}/stats/key-server")
    Envelope<List<StatsJson.KeyServerDay>> keyServer(
            @RequireScope(Permission.STATS_READ) RealmCaller caller, @Paging(sorts = "day") ListQuery query) {
        return Envelope.page(
                inOrder(statistics.keyServer(caller.realm()), query), query, RealmStatsApiController::keyServerDay);
    }

    /** The days the stats API's composite document lists, with the same days left out at its ends. */
    @GetMapping("/api/v1/realms/{realmId}/stats/composite")
    Envelope<List<CompositeDay>> composite(
            @RequireScope(Permission.STATS_READ) RealmCaller caller, @Paging(sorts = "day") ListQuery query) {
        return Envelope.page(
                inOrder(StatsJson.newestFirst(statistics.composite(caller.realm())), query), query, CompositeDay::of);
    }

    /** The key server's own day, named by its day as this API writes days. */
    private static StatsJson.KeyServerDay keyServerDay(KeyServerStatsDay day) {
        return StatsJson.KeyServerDay.of(day, day.day().toString());
    }

    /** @param newestFirst days as {@link Statistics} gives them */
    private static <T> List<T> inOrder(List<T> newestFirst, ListQuery query) {
        return query.descending() ? newestFirst : newestFirst.reversed();
    }

    private static ApiException notFound() {
        return new ApiException(HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND, "not found");
    }
}
