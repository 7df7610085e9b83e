package org.enverify.realm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enverify.support.SettingMessages.refusedInEnglish;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RealmSettingTypeTests {

    @ParameterizedTest(name = "''{0}'' is {1}")
    @CsvSource({
        "true, true",
        "yes, true",
        "on, true",
        "1, true",
        "' On ', true",
        "TRUE, true",
        "false, false",
        "no, false",
        "off, false",
        "0, false",
        "' NO ', false"
    })
    void booleansTakeTheWordsAnOperatorTypes(String text, boolean expected) {
        assertThat(RealmSettingType.bool().parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "maybe", "2", "y", "enabled"})
    void otherBooleansAreRefused(String text) {
        assertThat(refusedInEnglish(() -> RealmSettingType.bool().parse(text))).isEqualTo("must be true or false");
    }

    @ParameterizedTest(name = "''{0}'' in 1..10 gives {1}")
    @CsvSource({"1, 1", "10, 10", "' 5 ', 5", "+7, 7"})
    void integersWithinTheBoundsAreTaken(String text, int expected) {
        assertThat(RealmSettingType.integer(1, 10).parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "''{0}'' in 1..10: {1}")
    @CsvSource({
        "0, must be from 1 to 10",
        "11, must be from 1 to 10",
        "-1, must be from 1 to 10",
        "x, must be a whole number from 1 to 10",
        "1.5, must be a whole number from 1 to 10",
        "2147483648, must be a whole number from 1 to 10",
        "'', must be a whole number from 1 to 10"
    })
    void integersOutsideTheBoundsOrNotWholeAreRefused(String text, String message) {
        assertThat(refusedInEnglish(() -> RealmSettingType.integer(1, 10).parse(text)))
                .isEqualTo(message);
    }

    @ParameterizedTest(name = "''{0}'' in 0.5..2 gives {1}")
    @CsvSource({"0.5, 0.5", "2, 2.0", "' 1.25 ', 1.25", "1.23456, 1.235", "1.2344, 1.234"})
    void decimalsWithinTheBoundsAreRoundedToThousandths(String text, double expected) {
        assertThat(RealmSettingType.decimal(0.5, 2.0).parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "''{0}'' in 0.5..2: {1}")
    @CsvSource({
        "0.49, must be from 0.5 to 2.0",
        "2.001, must be from 0.5 to 2.0",
        "NaN, must be from 0.5 to 2.0",
        "Infinity, must be from 0.5 to 2.0",
        "abc, must be a number from 0.5 to 2.0",
        "'', must be a number from 0.5 to 2.0"
    })
    void decimalsOutsideTheBoundsOrNotNumbersAreRefused(String text, String message) {
        assertThat(refusedInEnglish(() -> RealmSettingType.decimal(0.5, 2.0).parse(text)))
                .isEqualTo(message);
    }

    @ParameterizedTest(name = "''{0}'' is {1} seconds")
    @CsvSource({
        "900, 900",
        "60, 60",
        "90s, 90",
        "15m, 900",
        "24h, 86400",
        "1d, 86400",
        "PT15M, 900",
        "pt15m, 900",
        "P1D, 86400",
        "' 2H ', 7200"
    })
    void durationsTakeSecondsSuffixesAndIso(String text, long seconds) {
        assertThat(RealmSettingType.duration(Duration.ofMinutes(1), Duration.ofHours(24))
                        .parse(text))
                .isEqualTo(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest(name = "''{0}'' in 1m..24h: {1}")
    @CsvSource({
        "59, must be from 1m to 24h",
        "59s, must be from 1m to 24h",
        "86401, must be from 1m to 24h",
        "25h, must be from 1m to 24h",
        "2d, must be from 1m to 24h",
        "15 minutes, 'must be a duration such as 900, 15m or 24h'",
        "1w, 'must be a duration such as 900, 15m or 24h'",
        "-5m, 'must be a duration such as 900, 15m or 24h'",
        "1234567890, 'must be a duration such as 900, 15m or 24h'",
        "PT, 'must be a duration such as 900, 15m or 24h'",
        "'', 'must be a duration such as 900, 15m or 24h'"
    })
    void durationsOutsideTheBoundsOrUnreadableAreRefused(String text, String message) {
        assertThat(refusedInEnglish(() -> RealmSettingType.duration(Duration.ofMinutes(1), Duration.ofHours(24))
                        .parse(text)))
                .isEqualTo(message);
    }

    @ParameterizedTest(name = "{0} seconds reads {1}")
    @CsvSource({"3600, 1h", "86400, 24h", "120, 2m", "90, 90s", "5400, 90m", "1, 1s"})
    void durationsAreDescribedInTheLargestWholeUnitUpToHours(long seconds, String expected) {
        assertThat(RealmSettingType.duration(Duration.ZERO, Duration.ofDays(1)).print(Duration.ofSeconds(seconds)))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "''{0}'' is ''{1}''")
    @CsvSource({"'  abc  ', abc", "abcde, abcde", "'  abcde  ', abcde", "'', ''", "'a b', a b"})
    void textIsTrimmedAndMayReachTheLimit(String text, String expected) {
        assertThat(RealmSettingType.text(5).parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{index}")
    @ValueSource(strings = {"a\tb", "a\u0000b", "a\u007fb"})
    void controlCharactersAreRefused(String text) {
        assertThat(refusedInEnglish(() -> RealmSettingType.text(5).parse(text)))
                .isEqualTo("must not contain control characters");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"abcdef", " abcdef ", "a\tbcdef"})
    void textLongerThanTheLimitAfterTrimmingIsRefused(String text) {
        assertThat(refusedInEnglish(() -> RealmSettingType.text(5).parse(text)))
                .isEqualTo("must be at most 5 characters");
    }
}
