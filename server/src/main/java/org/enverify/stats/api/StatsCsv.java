package org.enverify.stats.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.enverify.apikey.ApiKeySummary;
import org.enverify.platform.csv.CsvExport;
import org.enverify.realm.RealmId;
import org.enverify.stats.Statistics;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The CSV files of the stats API, columns as upstream writes them: a header row, then one row per
 * day (per day and issuer for external issuers), newest first, {@code \n} between rows. Sent as an
 * attachment named {@code <yyyyMMddHHmmss UTC>-<name>.csv}.
 */
final class StatsCsv {

    static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private static final CSVFormat FORMAT =
            CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private StatsCsv() {}

    static ResponseEntity<String> realm(List<Statistics.RealmDay> days, Instant now) {
        List<List<Object>> rows = new ArrayList<>();
        for (Statistics.RealmDay day : days) {
            rows.add(List.of(
                    day.day().toString(),
                    day.codesIssued(),
                    day.codesClaimed(),
                    day.codesInvalid(),
                    day.tokensClaimed(),
                    day.tokensInvalid(),
                    day.codeClaimMeanAgeSeconds(),
                    day.codeClaimAgeDistribution().stream().map(String::valueOf).collect(Collectors.joining("|")),
                    0, // user_reports_issued
                    0, // user_reports_claimed
                    0, // user_report_tokens_claimed
                    0, // codes_invalid_unknown_os
                    0, // codes_invalid_ios
                    0, // codes_invalid_android
                    0, // user_reports_invalid_nonce
                    0, // user_report_invalid_nonce_unknown_os
                    0, // user_report_invalid_nonce_ios
                    0)); // user_report_invalid_nonce_android
        }
        return attachment(
                "realm-stats",
                now,
                List.of(
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
                        "user_report_invalid_nonce_android"),
                rows);
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
        return attachment(
                fileName(key),
                now,
                List.of(
                        "date",
                        "authorized_app_id",
                        "authorized_app_name",
                        "authorized_app_type",
                        "codes_issued",
                        "codes_claimed",
                        "codes_invalid",
                        "tokens_claimed",
                        "tokens_invalid"),
                rows);
    }

    static ResponseEntity<String> externalIssuers(RealmId realm, List<Statistics.ExternalIssuerDay> days, Instant now) {
        List<List<Object>> rows = new ArrayList<>();
        for (Statistics.ExternalIssuerDay day : days) {
            for (Statistics.IssuerCount issuer : day.issuers()) {
                rows.add(List.of(day.day().toString(), realm.value(), issuer.issuerId(), issuer.codesIssued()));
            }
        }
        return attachment("external-issuer-stats", now, List.of("date", "realm_id", "issuer_id", "codes_issued"), rows);
    }

    /** Upstream names the file after the key; a name with no letters or digits falls back to the id. */
    private static String fileName(ApiKeySummary key) {
        String name = key.name()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-|-$", "");
        return name.isEmpty() ? "api-key-" + key.id() : name;
    }

    private static ResponseEntity<String> attachment(
            String name, Instant now, List<String> header, List<List<Object>> rows) {
        StringBuilder csv = new StringBuilder();
        try (CsvExport export = CsvExport.to(csv, FORMAT)) {
            export.row(header);
            rows.forEach(export::row);
        }
        return ResponseEntity.ok()
                .contentType(TEXT_CSV)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=" + FILE_TIME.format(now) + "-" + name + ".csv")
                .body(csv.toString());
    }
}
