package org.enverify.stats.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.enverify.apikey.ApiKeySummary;
import org.enverify.platform.csv.CsvExport;
import org.enverify.realm.RealmId;
import org.enverify.stats.Statistics;
import org.enverify.stats.keyserver.KeyServerStatsDay;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The CSV files of the stats API, columns as upstream writes them: a header row, then one row per
 * day (per day and name for the breakdowns), in the order of the JSON document, {@code \n} between
 * rows, dates as {@code YYYY-MM-DD}. A file with no rows is empty, without a header, as upstream's.
 * Sent as an attachment named {@code <yyyyMMddHHmmss UTC>-<name>.csv}. Text a spreadsheet would run as
 * a formula gets a leading apostrophe ({@code CsvExport}), where upstream writes it as it is.
 */
final class StatsCsv {

    static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private static final CSVFormat FORMAT =
            CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

    static final List<String> REALM_HEADER = List.of(
            "date",
            "codes_issued",
            "codes_claimed",
            "codes_invalid",
            "tokens_claimed",
            "tokens_invalid",
            "code_claim_mean_age_seconds",
            "code_claim_age_distribution",
            "user_reports_issued",
            "user_reports_claimed",
            "user_report_tokens_claimed",
            "codes_invalid_unknown_os",
            "codes_invalid_ios",
            "codes_invalid_android",
            "user_reports_invalid_nonce",
            "user_report_invalid_nonce_unknown_os",
            "user_report_invalid_nonce_ios",
            "user_report_invalid_nonce_android");

    static final List<String> API_KEY_HEADER = List.of(
            "date",
            "authorized_app_id",
            "authorized_app_name",
            "authorized_app_type",
            "codes_issued",
            "codes_claimed",
            "codes_invalid",
            "tokens_claimed",
            "tokens_invalid");

    static final List<String> EXTERNAL_ISSUERS_HEADER = List.of("date", "realm_id", "issuer_id", "codes_issued");

    static final List<String> USERS_HEADER = List.of("date", "realm_id", "user_id", "name", "email", "codes_issued");

    static final List<String> USER_HEADER =
            List.of("date", "realm_id", "user_id", "user_name", "user_email", "codes_issued");

    static final List<String> SMS_ERRORS_HEADER = List.of("date", "realm_id", "error_code", "quantity");

    static final List<String> KEY_SERVER_HEADER = List.of(
            "day",
            "publish_requests_unknown",
            "publish_requests_android",
            "publish_requests_ios",
            "total_teks_published",
            "requests_with_revisions",
            "requests_missing_onset_date",
            "tek_age_distribution",
            "onset_to_upload_distribution");

    /** Upstream's composite header; its invalid-nonce columns are spelled unlike the realm file's. */
    static final List<String> COMPOSITE_HEADER = List.of(
            "date",
            "codes_issued",
            "codes_claimed",
            "codes_invalid",
            "tokens_claimed",
            "tokens_invalid",
            "code_claim_mean_age_seconds",
            "code_claim_age_distribution",
            "publish_requests_unknown",
            "publish_requests_android",
            "publish_requests_ios",
            "total_teks_published",
            "requests_with_revisions",
            "requests_missing_onset_date",
            "tek_age_distribution",
            "onset_to_upload_distribution",
            "user_reports_issued",
            "user_reports_claimed",
            "user_report_tokens_claimed",
            "codes_invalid_unknown_os",
            "codes_invalid_ios",
            "codes_invalid_android",
            "user_reports_invalid_nonce",
            "user_reports_invalid_nonce_unknown_os",
            "user_reports_invalid_nonce_ios",
            "user_reports_invalid_nonce_android");

    private StatsCsv() {}

    static ResponseEntity<String> realm(List<Statistics.RealmDay> days, Instant now) {
        List<List<Object>> rows = new ArrayList<>();
        for (Statistics.RealmDay day : days) {
            List<Object> row = new ArrayList<>(realmCodes(day));
            row.addAll(userReportsAndOs(day));
            rows.add(row);
        }
        return attachment("realm-stats", now, REALM_HEADER, rows);
    }

    static ResponseEntity<String> apiKey(Statistics.ApiKeyStats stats, Instant now) {
        ApiKeySummary key = stats.key();
        List<List<Object>> rows = new ArrayList<>();
        for (Statistics.ApiKeyDay day : stats.days()) {
            rows.add(List.of(
                    day.day().toString(),
                    key.id(),
                    key.name(),
                    StatsJson.typeName(key),
                    day.codesIssued(),
                    day.codesClaimed(),
                    day.codesInvalid(),
                    day.tokensClaimed(),
                    day.tokensInvalid()));
        }
        return attachment(fileName(key.name(), "api-key-" + key.id()), now, API_KEY_HEADER, rows);
    }

    static ResponseEntity<String> externalIssuers(
            RealmId realm, List<Statistics.BreakdownDay<String>> days, Instant now) {
        return attachment(
                "external-issuer-stats",
                now,
                EXTERNAL_ISSUERS_HEADER,
                breakdownRows(days, issuer -> List.of(realm.value(), issuer)));
    }

    static ResponseEntity<String> users(
            RealmId realm, List<Statistics.BreakdownDay<Statistics.UserRef>> days, Instant now) {
        return attachment(
                "user-stats",
                now,
                USERS_HEADER,
                breakdownRows(days, user -> List.of(realm.value(), user.id(), user.name(), user.email())));
    }

    static ResponseEntity<String> user(RealmId realm, Statistics.UserStats stats, Instant now) {
        Statistics.UserRef user = stats.user();
        List<List<Object>> rows = new ArrayList<>();
        for (Statistics.UserDay day : stats.days()) {
            rows.add(List.of(
                    day.day().toString(), realm.value(), user.id(), user.name(), user.email(), day.codesIssued()));
        }
        return attachment(fileName(user.name(), "user-" + user.id()), now, USER_HEADER, rows);
    }

    static ResponseEntity<String> smsErrors(RealmId realm, List<Statistics.BreakdownDay<String>> days, Instant now) {
        return attachment(
                "sms-error-stats", now, SMS_ERRORS_HEADER, breakdownRows(days, code -> List.of(realm.value(), code)));
    }

    static ResponseEntity<String> keyServer(List<KeyServerStatsDay> days, Instant now) {
        List<List<Object>> rows = new ArrayList<>();
        for (KeyServerStatsDay day : days) {
            List<Object> row = new ArrayList<>();
            row.add(day.day().toString());
            row.addAll(keyServerColumns(day));
            rows.add(row);
        }
        return attachment("key-server-stats", now, KEY_SERVER_HEADER, rows);
    }

    /** Rows in the composite's own order; the key server's columns are empty where its statistics are off. */
    static ResponseEntity<String> composite(Statistics.Composite composite, Instant now) {
        List<List<Object>> rows = new ArrayList<>();
        for (Statistics.CompositeDay day : composite.days()) {
            Statistics.RealmDay realm = day.realm();
            List<Object> row = new ArrayList<>(realmCodes(realm));
            row.addAll(
                    day.keyServer() == null
                            ? List.of("", "", "", "", "", "", "", "")
                            : keyServerColumns(day.keyServer()));
            row.addAll(userReportsAndOs(realm));
            rows.add(row);
        }
        return attachment("composite-stats", now, COMPOSITE_HEADER, rows);
    }

    /** The user-report and per-OS columns that the realm and composite files end with. */
    private static List<Object> userReportsAndOs(Statistics.RealmDay day) {
        return List.of(
                day.userReportsIssued(),
                day.userReportsClaimed(),
                day.userReportTokensClaimed(),
                day.codesInvalidByOs().unknown(),
                day.codesInvalidByOs().ios(),
                day.codesInvalidByOs().android(),
                day.userReportsInvalidNonce(),
                day.userReportsInvalidNonceByOs().unknown(),
                day.userReportsInvalidNonceByOs().ios(),
                day.userReportsInvalidNonceByOs().android());
    }

    /** The date and the code and token columns that the realm and composite files begin with. */
    private static List<Object> realmCodes(Statistics.RealmDay day) {
        return List.of(
                day.day().toString(),
                day.codesIssued(),
                day.codesClaimed(),
                day.codesInvalid(),
                day.tokensClaimed(),
                day.tokensInvalid(),
                day.codeClaimMeanAgeSeconds(),
                joined(StatsJson.claimAges(day)));
    }

    private static List<Object> keyServerColumns(KeyServerStatsDay day) {
        return List.of(
                day.publishRequestsUnknown(),
                day.publishRequestsAndroid(),
                day.publishRequestsIos(),
                day.totalTeksPublished(),
                day.revisionRequests(),
                day.requestsMissingOnsetDate(),
                joined(day.tekAgeDistribution()),
                joined(day.onsetToUploadDistribution()));
    }

    /** One row per day and name: the date, the name's columns, the count. */
    private static <T> List<List<Object>> breakdownRows(
            List<Statistics.BreakdownDay<T>> days, Function<T, List<Object>> nameColumns) {
        List<List<Object>> rows = new ArrayList<>();
        for (Statistics.BreakdownDay<T> day : days) {
            for (Statistics.Count<T> count : day.counts()) {
                List<Object> row = new ArrayList<>();
                row.add(day.day().toString());
                row.addAll(nameColumns.apply(count.name()));
                row.add(count.count());
                rows.add(row);
            }
        }
        return rows;
    }

    private static String joined(List<Long> counts) {
        return counts.stream().map(String::valueOf).collect(Collectors.joining("|"));
    }

    /** Upstream names the file after the key or user; a name with no letters or digits falls back to the id. */
    private static String fileName(String name, String fallback) {
        String cleaned =
                name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return cleaned.isEmpty() ? fallback : cleaned;
    }

    private static ResponseEntity<String> attachment(
            String name, Instant now, List<String> header, List<List<Object>> rows) {
        StringBuilder csv = new StringBuilder();
        if (!rows.isEmpty()) {
            try (CsvExport export = CsvExport.to(csv, FORMAT)) {
                export.row(header);
                rows.forEach(export::row);
            }
        }
        return ResponseEntity.ok()
                .contentType(TEXT_CSV)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=" + FILE_TIME.format(now) + "-" + name + ".csv")
                .body(csv.toString());
    }
}
