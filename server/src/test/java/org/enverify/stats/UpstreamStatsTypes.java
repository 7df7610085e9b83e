package org.enverify.stats;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Upstream's stats JSON types (exposure-notifications-verification-server {@code pkg/database}, and
 * the key server's {@code v1.StatsDay}) as Java records, read by a decoder that is stricter than Go's:
 * every field upstream writes must be there, no other field may be, each of its Go type. {@code
 * time.Time} is an RFC 3339 timestamp, {@code uint} a non-negative integer, {@code int32} fits 32
 * bits, a string is a string and a number a number. Slices may be null, as a nil Go slice is.
 */
final class UpstreamStatsTypes {

    private UpstreamStatsTypes() {}

    static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfig(LogicalType.Textual, config -> {
                config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
                config.setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
                config.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
            })
            .withCoercionConfig(LogicalType.Integer, config -> {
                config.setCoercion(CoercionInputShape.String, CoercionAction.Fail);
                config.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
            })
            .withCoercionConfig(LogicalType.Boolean, config -> {
                config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
                config.setCoercion(CoercionInputShape.String, CoercionAction.Fail);
            })
            .build();

    static <T> T decode(String json, Class<T> type) {
        return STRICT.readValue(json, type);
    }

    static List<StatsDay> decodeKeyServerDays(String json) {
        return STRICT.readValue(json, new TypeReference<List<StatsDay>>() {});
    }

    /** Go's {@code time.Time} in JSON: RFC 3339, seconds required, fraction and offset optional only as RFC 3339 has them. */
    record GoTime(OffsetDateTime value) {

        private static final Pattern RFC3339 =
                Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static GoTime parse(String text) {
            if (!RFC3339.matcher(text).matches()) {
                throw new IllegalArgumentException("not an RFC 3339 timestamp: " + text);
            }
            return new GoTime(OffsetDateTime.parse(text));
        }

        @JsonValue
        String text() {
            return value.toString();
        }
    }

    /** Go's {@code uint}: the decoder refuses a negative number. */
    private static void uint(long... values) {
        for (long value : values) {
            if (value < 0) {
                throw new IllegalArgumentException("negative value for a Go uint: " + value);
            }
        }
    }

    // ------------------------------------------------------------ realm_stats.go

    record JsonRealmStat(
            @JsonProperty("realm_id") long realmId,
            @JsonProperty("statistics") List<JsonRealmStatStats> statistics) {
        JsonRealmStat {
            uint(realmId);
        }
    }

    record JsonRealmStatStats(
            @JsonProperty("date") GoTime date,
            @JsonProperty("data") JsonRealmStatStatsData data) {}

    record CodesInvalidByOsData(
            @JsonProperty("unknown_os") long unknownOs,
            @JsonProperty("ios") long ios,
            @JsonProperty("android") long android) {}

    record JsonRealmStatStatsData(
            @JsonProperty("codes_issued") long codesIssued,
            @JsonProperty("codes_claimed") long codesClaimed,
            @JsonProperty("codes_invalid") long codesInvalid,
            @JsonProperty("codes_invalid_by_os") CodesInvalidByOsData codesInvalidByOs,
            @JsonProperty("user_reports_issued") long userReportsIssued,
            @JsonProperty("user_reports_claimed") long userReportsClaimed,
            @JsonProperty("user_reports_invalid_nonce") long userReportsInvalidNonce,

            @JsonProperty("user_reports_invalid_nonce_by_os")
            CodesInvalidByOsData userReportsInvalidNonceByOs,

            @JsonProperty("tokens_claimed") long tokensClaimed,
            @JsonProperty("tokens_invalid") long tokensInvalid,
            @JsonProperty("user_report_tokens_claimed") long userReportTokensClaimed,
            @JsonProperty("code_claim_mean_age_seconds") long codeClaimMeanAge,
            @JsonProperty("code_claim_age_distribution") List<Integer> codeClaimDistribution) {
        JsonRealmStatStatsData {
            uint(
                    codesIssued,
                    codesClaimed,
                    codesInvalid,
                    userReportsIssued,
                    userReportsClaimed,
                    userReportsInvalidNonce,
                    tokensClaimed,
                    tokensInvalid,
                    userReportTokensClaimed,
                    codeClaimMeanAge);
        }
    }

    // ------------------------------------------------------------ authorized_app_stats.go

    record JsonAuthorizedAppStat(
            @JsonProperty("authorized_app_id") long authorizedAppId,
            @JsonProperty("authorized_app_name") String authorizedAppName,
            @JsonProperty("authorized_app_type") String authorizedAppType,
            @JsonProperty("statistics") List<JsonAuthorizedAppStatStats> statistics) {
        JsonAuthorizedAppStat {
            uint(authorizedAppId);
        }
    }

    record JsonAuthorizedAppStatStats(
            @JsonProperty("date") GoTime date,
            @JsonProperty("data") JsonAuthorizedAppStatStatsData data) {}

    record JsonAuthorizedAppStatStatsData(
            @JsonProperty("codes_issued") long codesIssued,
            @JsonProperty("codes_claimed") long codesClaimed,
            @JsonProperty("codes_invalid") long codesInvalid,
            @JsonProperty("tokens_claimed") long tokensClaimed,
            @JsonProperty("tokens_invalid") long tokensInvalid) {
        JsonAuthorizedAppStatStatsData {
            uint(codesIssued, codesClaimed, codesInvalid, tokensClaimed, tokensInvalid);
        }
    }

    // ------------------------------------------------------------ external_issuer_stats.go

    record JsonExternalIssuerStat(
            @JsonProperty("realm_id") long realmId,
            @JsonProperty("statistics") List<JsonExternalIssuerStatStats> statistics) {
        JsonExternalIssuerStat {
            uint(realmId);
        }
    }

    record JsonExternalIssuerStatStats(
            @JsonProperty("date") GoTime date,
            @JsonProperty("issuer_data") List<JsonExternalIssuerStatIssuerData> issuerData) {}

    record JsonExternalIssuerStatIssuerData(
            @JsonProperty("issuer_id") String issuerId,
            @JsonProperty("codes_issued") long codesIssued) {
        JsonExternalIssuerStatIssuerData {
            uint(codesIssued);
        }
    }

    // ------------------------------------------------------------ realm_user_stats.go

    record JsonRealmUserStat(
            @JsonProperty("realm_id") long realmId,
            @JsonProperty("statistics") List<JsonRealmUserStatStats> statistics) {
        JsonRealmUserStat {
            uint(realmId);
        }
    }

    record JsonRealmUserStatStats(
            @JsonProperty("date") GoTime date,
            @JsonProperty("issuer_data") List<JsonRealmUserStatIssuerData> issuerData) {}

    record JsonRealmUserStatIssuerData(
            @JsonProperty("user_id") long userId,
            @JsonProperty("name") String name,
            @JsonProperty("email") String email,
            @JsonProperty("codes_issued") long codesIssued) {
        JsonRealmUserStatIssuerData {
            uint(userId, codesIssued);
        }
    }

    // ------------------------------------------------------------ user_stats.go

    record JsonUserStat(
            @JsonProperty("realm_id") long realmId,
            @JsonProperty("user_id") long userId,
            @JsonProperty("user_name") String userName,
            @JsonProperty("user_email") String userEmail,
            @JsonProperty("statistics") List<JsonUserStatStats> statistics) {
        JsonUserStat {
            uint(realmId, userId);
        }
    }

    record JsonUserStatStats(
            @JsonProperty("date") GoTime date,
            @JsonProperty("data") JsonUserStatStatsData data) {}

    record JsonUserStatStatsData(
            @JsonProperty("codes_issued") long codesIssued) {
        JsonUserStatStatsData {
            uint(codesIssued);
        }
    }

    // ------------------------------------------------------------ sms_error_stats.go

    record JsonSmsErrorStat(
            @JsonProperty("realm_id") long realmId,
            @JsonProperty("statistics") List<JsonSmsErrorStatStats> statistics) {
        JsonSmsErrorStat {
            uint(realmId);
        }
    }

    record JsonSmsErrorStatStats(
            @JsonProperty("date") GoTime date,
            @JsonProperty("error_data") List<JsonSmsErrorStatErrorData> errorData) {}

    record JsonSmsErrorStatErrorData(
            @JsonProperty("error_code") String errorCode,
            @JsonProperty("quantity") long quantity) {
        JsonSmsErrorStatErrorData {
            uint(quantity);
        }
    }

    // ------------------------------------------------------------ key server v1 stats_types.go

    record PublishRequests(
            @JsonProperty("unknown") long unknownPlatform,
            @JsonProperty("android") long android,
            @JsonProperty("ios") long ios) {}

    record StatsDay(
            @JsonProperty("day") GoTime day,
            @JsonProperty("publish_requests") PublishRequests publishRequests,
            @JsonProperty("total_teks_published") long totalTeksPublished,
            @JsonProperty("requests_with_revisions") long revisionRequests,
            @JsonProperty("tek_age_distribution") List<Long> tekAgeDistribution,
            @JsonProperty("onset_to_upload_distribution") List<Long> onsetToUploadDistribution,
            @JsonProperty("requests_missing_onset_date") long requestsMissingOnsetDate) {}

    // ------------------------------------------------------------ composite_stats.go

    record JsonCompositeStat(
            @JsonProperty("realm_id") long realmId,
            @JsonProperty("has_key_server_stats") boolean hasKeyServerStats,
            @JsonProperty("statistics") List<JsonCompositeStatStats> statistics) {
        JsonCompositeStat {
            uint(realmId);
        }
    }

    record JsonCompositeStatStats(
            @JsonProperty("date") GoTime date,
            @JsonProperty("data") JsonCompositeStatStatsData data) {}

    /** Go embeds {@code JSONRealmStatStatsData} and {@code v1.StatsDay}: their fields sit side by side. */
    record JsonCompositeStatStatsData(
            @JsonProperty("codes_issued") long codesIssued,
            @JsonProperty("codes_claimed") long codesClaimed,
            @JsonProperty("codes_invalid") long codesInvalid,
            @JsonProperty("codes_invalid_by_os") CodesInvalidByOsData codesInvalidByOs,
            @JsonProperty("user_reports_issued") long userReportsIssued,
            @JsonProperty("user_reports_claimed") long userReportsClaimed,
            @JsonProperty("user_reports_invalid_nonce") long userReportsInvalidNonce,

            @JsonProperty("user_reports_invalid_nonce_by_os")
            CodesInvalidByOsData userReportsInvalidNonceByOs,

            @JsonProperty("tokens_claimed") long tokensClaimed,
            @JsonProperty("tokens_invalid") long tokensInvalid,
            @JsonProperty("user_report_tokens_claimed") long userReportTokensClaimed,
            @JsonProperty("code_claim_mean_age_seconds") long codeClaimMeanAge,
            @JsonProperty("code_claim_age_distribution") List<Integer> codeClaimDistribution,
            @JsonProperty("day") GoTime day,
            @JsonProperty("publish_requests") PublishRequests publishRequests,
            @JsonProperty("total_teks_published") long totalTeksPublished,
            @JsonProperty("requests_with_revisions") long revisionRequests,
            @JsonProperty("tek_age_distribution") List<Long> tekAgeDistribution,
            @JsonProperty("onset_to_upload_distribution") List<Long> onsetToUploadDistribution,
            @JsonProperty("requests_missing_onset_date") long requestsMissingOnsetDate,
            @JsonProperty("total_publish_requests") long totalPublishRequests) {
        JsonCompositeStatStatsData {
            uint(
                    codesIssued,
                    codesClaimed,
                    codesInvalid,
                    userReportsIssued,
                    userReportsClaimed,
                    userReportsInvalidNonce,
                    tokensClaimed,
                    tokensInvalid,
                    userReportTokensClaimed,
                    codeClaimMeanAge);
        }
    }
}
