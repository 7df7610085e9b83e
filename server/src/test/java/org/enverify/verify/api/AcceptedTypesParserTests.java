package org.enverify.verify.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.enverify.platform.api.ApiException;
import org.enverify.platform.api.ErrorCode;
import org.enverify.realm.TestType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AcceptedTypesParserTests {

    @ParameterizedTest(name = "{0}")
    @NullAndEmptySource
    void aPhoneThatNamesNoTypesAcceptsEvery(List<String> accept) {
        assertThat(AcceptedTypesParser.parse(accept)).isEqualTo(EnumSet.allOf(TestType.class));
    }

    /** Each type implies those a phone that understands it must also understand. */
    @ParameterizedTest(name = "{0} accepts {1}")
    @CsvSource({
        "confirmed, CONFIRMED",
        "likely, CONFIRMED LIKELY",
        "negative, CONFIRMED LIKELY NEGATIVE",
        "user-report, CONFIRMED USER_REPORT",
        "' Likely ', CONFIRMED LIKELY",
        "USER-REPORT, CONFIRMED USER_REPORT",
        "'confirmed,confirmed', CONFIRMED",
        "'likely,user-report', CONFIRMED LIKELY USER_REPORT",
        "'negative,user-report', CONFIRMED LIKELY NEGATIVE USER_REPORT"
    })
    void typesExpandAsTheProtocolDefines(String accept, String expected) {
        assertThat(AcceptedTypesParser.parse(List.of(accept.split(",")))).isEqualTo(types(expected));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"positive", "user_report", "", "confirmed likely", "*"})
    void anUnknownTypeIsRefused(String value) {
        assertThatThrownBy(() -> AcceptedTypesParser.parse(List.of("confirmed", value)))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        refused -> assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_TEST_TYPE))
                .hasMessage("accept holds an unknown test type: " + value);
    }

    @Test
    void aNullTypeIsRefused() {
        assertThatThrownBy(() -> AcceptedTypesParser.parse(Arrays.asList("confirmed", null)))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        refused -> assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_TEST_TYPE))
                .hasMessage("accept holds an unknown test type: null");
    }

    private static Set<TestType> types(String names) {
        Set<TestType> types = EnumSet.noneOf(TestType.class);
        Arrays.stream(names.split(" ")).map(TestType::valueOf).forEach(types::add);
        return types;
    }
}
