package org.enverify.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RetentionTests {

    private static final Instant NOW = Instant.parse("2026-12-05T00:30:00Z");

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of(
                        Retention.Row.timestamp("tokens", "expires_at", Duration.ofHours(24)),
                        "DELETE FROM tokens WHERE expires_at < ?",
                        Timestamp.from(Instant.parse("2026-12-04T00:30:00Z"))),
                Arguments.of(
                        Retention.Row.timestamp("events", "occurred_at", Duration.ofDays(30))
                                .where("relayed_at IS NOT NULL"),
                        "DELETE FROM events WHERE occurred_at < ? AND relayed_at IS NOT NULL",
                        Timestamp.from(Instant.parse("2026-11-05T00:30:00Z"))),
                // the UTC day of the moment 91 days back; that day itself is kept
                Arguments.of(
                        Retention.Row.day("realm_daily_counters", Duration.ofDays(91)),
                        "DELETE FROM realm_daily_counters WHERE day < ?",
                        LocalDate.parse("2026-09-05")),
                Arguments.of(
                        Retention.Row.day("realm_chaff_events", Duration.ofHours(1)),
                        "DELETE FROM realm_chaff_events WHERE day < ?",
                        LocalDate.parse("2026-12-04")));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("rows")
    void aRowDeletesWhatLiesFurtherBackThanItsAge(Retention.Row row, String sql, Object cutoff) {
        assertThat(row.delete()).isEqualTo(sql);
        assertThat(row.cutoff(NOW)).isEqualTo(cutoff);
    }

    @ParameterizedTest(name = "{0}.{1}")
    @CsvSource({"'tokens; DROP TABLE users', expires_at", "tokens, 'expires_at OR 1=1'", "Tokens, expires_at", "'', day"
    })
    void onlyPlainTableAndColumnNamesAreTaken(String table, String column) {
        assertThatThrownBy(() -> Retention.Row.timestamp(table, column, Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
