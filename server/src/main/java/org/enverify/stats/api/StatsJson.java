package org.enverify.stats.api;

import java.util.List;
import java.util.Locale;
import org.enverify.apikey.ApiKeySummary;
import org.enverify.realm.RealmId;
import org.enverify.stats.Statistics;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The JSON documents of the stats API, with upstream's field names in upstream's order. Counts of
 * features Enverify does not have yet (user reports, the phone's operating system) are zeros:
 * upstream always sends them, and clients written for it read them without checking.
 */
final class StatsJson {

    private StatsJson() {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RealmStats(long realmId, List<Dated<RealmData>> statistics) {}

    record Dated<T>(String date, T data) {}

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
            List<Long> codeClaimAgeDistribution) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ByOs(long unknownOs, long ios, long android) {

        static final ByOs NONE = new ByOs(0, 0, 0);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ApiKeyStats(
            long authorizedAppId,
            String authorizedAppName,
            String authorizedAppType,
            List<Dated<ApiKeyData>> statistics) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ApiKeyData(long codesIssued, long codesClaimed, long codesInvalid, long tokensClaimed, long tokensInvalid) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ExternalIssuerStats(long realmId, List<IssuerDay> statistics) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record IssuerDay(String date, List<IssuerData> issuerData) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record IssuerData(String issuerId, long codesIssued) {}

    static RealmStats realm(RealmId realm, List<Statistics.RealmDay> days) {
        return new RealmStats(
                realm.value(),
                days.stream()
                        .map(day -> new Dated<>(
                                day.day().toString(),
                                new RealmData(
                                        day.codesIssued(),
                                        day.codesClaimed(),
                                        day.codesInvalid(),
                                        ByOs.NONE,
                                        0,
                                        0,
                                        0,
                                        ByOs.NONE,
                                        day.tokensClaimed(),
                                        day.tokensInvalid(),
                                        0,
                                        day.codeClaimMeanAgeSeconds(),
                                        day.codeClaimAgeDistribution())))
                        .toList());
    }

    static ApiKeyStats apiKey(Statistics.ApiKeyStats stats) {
        ApiKeySummary key = stats.key();
        return new ApiKeyStats(
                key.id(),
                key.name(),
                typeName(key),
                stats.days().stream()
                        .map(day -> new Dated<>(
                                day.day().toString(),
                                new ApiKeyData(
                                        day.codesIssued(),
                                        day.codesClaimed(),
                                        day.codesInvalid(),
                                        day.tokensClaimed(),
                                        day.tokensInvalid())))
                        .toList());
    }

    /** As upstream names key types: {@code device}, {@code admin}, {@code stats}. */
    static String typeName(ApiKeySummary key) {
        return key.type().name().toLowerCase(Locale.ROOT);
    }

    static ExternalIssuerStats externalIssuers(RealmId realm, List<Statistics.ExternalIssuerDay> days) {
        return new ExternalIssuerStats(
                realm.value(),
                days.stream()
                        .map(day -> new IssuerDay(
                                day.day().toString(),
                                day.issuers().stream()
                                        .map(issuer -> new IssuerData(issuer.issuerId(), issuer.codesIssued()))
                                        .toList()))
                        .toList());
    }
}
