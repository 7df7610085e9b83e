package org.enverify.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.UUID;
import java.util.stream.Stream;
import org.enverify.platform.Refusal;
import org.enverify.platform.api.ErrorCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IssueRulesTests {

    private static final String CANONICAL = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(
            strings = {
                CANONICAL,
                "3FA85F64-5717-4562-B3FC-2C963F66AFA6",
                "  " + CANONICAL + "  ",
                "3fa85f6457174562b3fc2c963f66afa6",
                "{3fa85f64-5717-4562-b3fc-2c963f66afa6}",
                "urn:uuid:3fa85f64-5717-4562-b3fc-2c963f66afa6"
            })
    void uuidsInEveryFormUpstreamsParserTakesAreRead(String text) {
        assertThat(IssueRules.parseUuid(text)).contains(UUID.fromString(CANONICAL));
        assertThat(IssueRules.uuid(text)).isEqualTo(UUID.fromString(CANONICAL));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(
            strings = {
                "1-2-3-4-5",
                "3fa85f64-5717-4562-b3fc-2c963f66afa",
                "3fa85f64-5717-4562-b3fc-2c963f66afa6a",
                "3fa85f64-5717-4562-b3fc-2c963f66afg6",
                "(3fa85f64-5717-4562-b3fc-2c963f66afa6)"
            })
    void uuidsInAnyOtherFormAreRefused(String text) {
        assertThat(IssueRules.parseUuid(text)).isEmpty();
        assertThatThrownBy(() -> IssueRules.uuid(text))
                .isInstanceOfSatisfying(
                        Refusal.class, refused -> assertThat(refused.code()).isEqualTo(ErrorCode.UNPARSABLE_REQUEST))
                .hasMessage("uuid must be a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6");
    }

    @ParameterizedTest(name = "''{0}''")
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void aBlankUuidIsAbsent(String text) {
        assertThat(IssueRules.uuid(text)).isNull();
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource({"2026-02-28, 2026-02-28", "2024-02-29, 2024-02-29", "2026-12-31, 2026-12-31"})
    void realDatesAreRead(String text, LocalDate expected) {
        assertThat(IssueRules.date(text, "testDate")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "''{0}'': {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "2026-02-29|testDate 2026-02-29 is not a real date",
                "2026-13-01|testDate 2026-13-01 is not a real date",
                "2026-04-31|testDate 2026-04-31 is not a real date",
                "2026-2-28|testDate must be a date as YYYY-MM-DD",
                "28.02.2026|testDate must be a date as YYYY-MM-DD",
                "2026-02-28T00:00|testDate must be a date as YYYY-MM-DD",
                "+2026-02-28|testDate must be a date as YYYY-MM-DD"
            })
    void otherDatesAreUnparsable(String text, String message) {
        assertThatThrownBy(() -> IssueRules.date(text, "testDate"))
                .isInstanceOfSatisfying(Refusal.class, refused -> {
                    assertThat(refused.code()).isEqualTo(ErrorCode.UNPARSABLE_REQUEST);
                    assertThat(refused.field()).contains("testDate");
                    assertThat(refused.messageKey()).contains("issue.error.unparsable_request");
                })
                .hasMessage(message);
    }

    @ParameterizedTest(name = "{0}, accepted {1}")
    @CsvSource({"2026-11-20, true", "2026-11-21, true", "2026-12-05, true", "2026-11-19, false", "2026-12-06, false"})
    void datesMustLieWithinTheRangeBoundsIncluded(LocalDate date, boolean accepted) {
        LocalDate earliest = LocalDate.parse("2026-11-20");
        LocalDate latest = LocalDate.parse("2026-12-05");
        if (accepted) {
            assertThatNoException().isThrownBy(() -> IssueRules.checkRange(date, "symptomDate", earliest, latest));
        } else {
            assertThatThrownBy(() -> IssueRules.checkRange(date, "symptomDate", earliest, latest))
                    .isInstanceOfSatisfying(Refusal.class, refused -> {
                        assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_DATE);
                        assertThat(refused.field()).contains("symptomDate");
                    })
                    .hasMessage("symptomDate must be on/after 2026-11-20 and on/before 2026-12-05. Received " + date);
        }
    }

    static Stream<Arguments> shapes() {
        String longest = "i".repeat(IssueRules.MAX_EXTERNAL_ISSUER_LENGTH);
        return Stream.of(
                Arguments.of(command(longest, null, null), null),
                Arguments.of(command(longest + "i", null, null), "externalIssuerID must be at most 255 characters"),
                Arguments.of(command("pha\u0000", null, null), "externalIssuerID must not contain NUL characters"),
                Arguments.of(command(null, 1440.0, null), null),
                Arguments.of(command(null, -1440.0, null), null),
                Arguments.of(command(null, 1440.5, null), "tzOffset must be a number of minutes from -1440 to 1440"),
                Arguments.of(command(null, -1441.0, null), "tzOffset must be a number of minutes from -1440 to 1440"),
                Arguments.of(
                        command(null, Double.NaN, null), "tzOffset must be a number of minutes from -1440 to 1440"),
                Arguments.of(
                        command(null, Double.POSITIVE_INFINITY, null),
                        "tzOffset must be a number of minutes from -1440 to 1440"),
                Arguments.of(command(null, null, CANONICAL), null),
                Arguments.of(
                        command(null, null, "not-a-uuid"),
                        "uuid must be a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6"));
    }

    @ParameterizedTest(name = "{index}: {1}")
    @MethodSource("shapes")
    void theShapeOfTheBodyIsJudgedFirst(IssueCodeCommand command, String refusal) {
        if (refusal == null) {
            assertThatNoException().isThrownBy(() -> IssueRules.checkShape(command));
        } else {
            assertThatThrownBy(() -> IssueRules.checkShape(command))
                    .isInstanceOfSatisfying(
                            Refusal.class,
                            refused -> assertThat(refused.code()).isEqualTo(ErrorCode.UNPARSABLE_REQUEST))
                    .hasMessage(refusal);
        }
    }

    private static IssueCodeCommand command(String externalIssuerId, Double tzOffset, String uuid) {
        return new IssueCodeCommand(null, null, "confirmed", tzOffset, null, null, uuid, externalIssuerId, false);
    }
}
