package org.enverify.stats.api;

import java.time.LocalDate;
import org.enverify.apikey.ApiKeySummary;
import org.enverify.management.api.Page;
import org.enverify.management.api.RealmCaller;
import org.enverify.management.api.RequireScope;
import org.enverify.platform.ListQuery;
import org.enverify.platform.api.ApiException;
import org.enverify.platform.api.ErrorCode;
import org.enverify.realm.Permission;
import org.enverify.stats.Statistics;
import org.enverify.stats.keyserver.KeyServerStatsDay;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;

/**
 * The statistics fields of the management API's GraphQL {@code Realm}, read from {@link Statistics} as the
 * stats API's files are, newest day first; a breakdown by name as {@link BreakdownRows}.
 */
@Controller
class StatsGraphQlController {

    record ApiKeyStatsPage(ApiKeySummary key, Page<Statistics.ApiKeyDay> days) {}

    record UserStatsPage(Statistics.UserRef user, Page<Statistics.UserDay> days) {}

    record UserDayCount(LocalDate day, Statistics.UserRef user, long codesIssued) {}

    record ExternalIssuerDayCount(LocalDate day, String externalIssuer, long codesIssued) {}

    record SmsErrorDayCount(LocalDate day, String errorCode, long quantity) {}

    private final Statistics statistics;

    StatsGraphQlController(Statistics statistics) {
        this.statistics = statistics;
    }

    @SchemaMapping(typeName = "Realm")
    Page<Statistics.RealmDay> realmStats(@RequireScope(Permission.STATS_READ) RealmCaller caller, ListQuery page) {
        return Page.of(statistics.realm(caller.realm()), page);
    }

    @SchemaMapping(typeName = "Realm")
    ApiKeyStatsPage apiKeyStats(
            @RequireScope(Permission.STATS_READ) RealmCaller caller, @Argument String id, ListQuery page) {
        return StatsFiles.parseId(id)
                .flatMap(keyId -> statistics.apiKey(caller.realm(), keyId))
                .map(stats -> new ApiKeyStatsPage(stats.key(), Page.of(stats.days(), page)))
                .orElseThrow(() -> notFound("no API key with this id in this realm"));
    }

    /** As upstream names key types: {@code device}, {@code admin}, {@code stats}. */
    @SchemaMapping(typeName = "ApiKey")
    String type(ApiKeySummary key) {
        return StatsJson.typeName(key);
    }

    @SchemaMapping(typeName = "Realm")
    UserStatsPage userStats(
            @RequireScope({Permission.STATS_READ, Permission.USER_READ}) RealmCaller caller,
            @Argument String id,
            ListQuery page) {
        return StatsFiles.parseId(id)
                .flatMap(userId -> statistics.user(caller.realm(), userId))
                .map(stats -> new UserStatsPage(stats.user(), Page.of(stats.days(), page)))
                .orElseThrow(() -> notFound("no member with this id in this realm"));
    }

    @SchemaMapping(typeName = "Realm")
    Page<UserDayCount> perUserStats(
            @RequireScope({Permission.STATS_READ, Permission.USER_READ}) RealmCaller caller, ListQuery page) {
        return Page.of(BreakdownRows.of(statistics.users(caller.realm()), UserDayCount::new), page);
    }

    @SchemaMapping(typeName = "Realm")
    Page<ExternalIssuerDayCount> externalIssuerStats(
            @RequireScope(Permission.STATS_READ) RealmCaller caller, ListQuery page) {
        return Page.of(BreakdownRows.of(statistics.externalIssuers(caller.realm()), ExternalIssuerDayCount::new), page);
    }

    @SchemaMapping(typeName = "Realm")
    Page<SmsErrorDayCount> smsErrorStats(@RequireScope(Permission.STATS_READ) RealmCaller caller, ListQuery page) {
        return Page.of(BreakdownRows.of(statistics.smsErrors(caller.realm()), SmsErrorDayCount::new), page);
    }

    @SchemaMapping(typeName = "Realm")
    Page<KeyServerStatsDay> keyServerStats(@RequireScope(Permission.STATS_READ) RealmCaller caller, ListQuery page) {
        return Page.of(statistics.keyServer(caller.realm()), page);
    }

    private static ApiException notFound(String message) {
        return new ApiException(HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND, message);
    }
}
