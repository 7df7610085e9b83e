package org.enverify.stats.keyserver;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the key server's answer to {@code POST /v1/stats}: {@code {"days": [StatsDay...], "error",
 * "code", "padding"}}, or a bare array of days. Unknown fields are ignored; a field of the wrong type,
 * a negative count or a day without a date makes the whole answer unusable, so nothing of it is stored.
 */
final class StatsAnswers {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StatsAnswers() {}

    /** The answer is the key server's JSON error: it refused the request. */
    static final class KeyServerRefused extends IllegalArgumentException {

        KeyServerRefused(String message) {
            super(message);
        }
    }

    /** @throws IllegalArgumentException naming what is wrong with the answer */
    static List<KeyServerStatsDay> read(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the answer is not JSON");
        }
        JsonNode days;
        if (root != null && root.isArray()) {
            days = root;
        } else if (root != null && root.isObject()) {
            String error = root.path("error").asString("");
            if (!error.isBlank()) {
                String code = root.path("code").asString("");
                throw new KeyServerRefused("the key server refused: " + abbreviate(error)
                        + (code.isBlank() ? "" : " (" + abbreviate(code) + ")"));
            }
            days = root.path("days");
            if (days.isMissingNode() || days.isNull()) {
                return List.of();
            }
            if (!days.isArray()) {
                throw new IllegalArgumentException("'days' is not an array");
            }
        } else {
            throw new IllegalArgumentException("the answer is not a JSON object");
        }
        Map<LocalDate, KeyServerStatsDay> byDay = new LinkedHashMap<>();
        for (int i = 0; i < days.size(); i++) {
            KeyServerStatsDay day = day(days.get(i), "days[" + i + "]");
            byDay.put(day.day(), day);
        }
        return List.copyOf(byDay.values());
    }

    private static KeyServerStatsDay day(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + " is not an object");
        }
        JsonNode requests = node.path("publish_requests");
        if (!requests.isMissingNode() && !requests.isNull() && !requests.isObject()) {
            throw new IllegalArgumentException(where + ".publish_requests is not an object");
        }
        return new KeyServerStatsDay(
                date(node.path("day"), where + ".day"),
                count(requests.path("unknown"), where + ".publish_requests.unknown"),
                count(requests.path("android"), where + ".publish_requests.android"),
                count(requests.path("ios"), where + ".publish_requests.ios"),
                count(node.path("total_teks_published"), where + ".total_teks_published"),
                count(node.path("requests_with_revisions"), where + ".requests_with_revisions"),
                counts(node.path("tek_age_distribution"), where + ".tek_age_distribution"),
                counts(node.path("onset_to_upload_distribution"), where + ".onset_to_upload_distribution"),
                count(node.path("requests_missing_onset_date"), where + ".requests_missing_onset_date"));
    }

    /** Midnight UTC as RFC 3339 ({@code 2021-03-01T00:00:00Z}), as the key server sends it, or a bare date. */
    private static LocalDate date(JsonNode node, String where) {
        if (!node.isString()) {
            throw new IllegalArgumentException(where + " is missing or not a date");
        }
        String text = node.asString();
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text);
            }
            return OffsetDateTime.parse(text).atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + " '" + abbreviate(text) + "' is not a date");
        }
    }

    private static long count(JsonNode node, String where) {
        if (node.isMissingNode() || node.isNull()) {
            return 0;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 0) {
            throw new IllegalArgumentException(where + " is not a count");
        }
        return node.asLong();
    }

    private static List<Long> counts(JsonNode node, String where) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.size() > 100) {
            throw new IllegalArgumentException(where + " is not a list of at most 100 counts");
        }
        List<Long> counts = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            counts.add(count(node.get(i), where + "[" + i + "]"));
        }
        return counts;
    }

    private static String abbreviate(String text) {
        String line = text.replaceAll("\\p{Cntrl}", " ");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
