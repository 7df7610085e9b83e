package org.enverify.stats;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;

/** The header rows upstream writes in its stats CSV files, as its MarshalCSV methods spell them. */
final class StatsCsvHeaders {

    private StatsCsvHeaders() {}

    static final List<String> REALM = List.of(
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

    static final List<String> API_KEY = List.of(
            "date",
            "authorized_app_id",
            "authorized_app_name",
            "authorized_app_type",
            "codes_issued",
            "codes_claimed",
            "codes_invalid",
            "tokens_claimed",
            "tokens_invalid");

    static final List<String> EXTERNAL_ISSUERS = List.of("date", "realm_id", "issuer_id", "codes_issued");

    static final List<String> USERS = List.of("date", "realm_id", "user_id", "name", "email", "codes_issued");

    static final List<String> USER = List.of("date", "realm_id", "user_id", "user_name", "user_email", "codes_issued");

    static final List<String> SMS_ERRORS = List.of("date", "realm_id", "error_code", "quantity");

    static final List<String> KEY_SERVER = List.of(
            "day",
            "publish_requests_unknown",
            "publish_requests_android",
            "publish_requests_ios",
            "total_teks_published",
            "requests_with_revisions",
            "requests_missing_onset_date",
            "tek_age_distribution",
            "onset_to_upload_distribution");

    static final List<String> COMPOSITE = List.of(
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

    /** Every record of the file, the header first; rows are separated by {@code \n} alone, as upstream's. */
    static List<List<String>> rows(String body) {
        if (body.contains("\r")) {
            throw new AssertionError("a CSV row ends in \\r\\n");
        }
        try (CSVParser parser = CSVParser.parse(new StringReader(body), CSVFormat.DEFAULT)) {
            return StreamSupport.stream(parser.spliterator(), false)
                    .map(record -> record.toList())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
