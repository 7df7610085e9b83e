package org.enverify.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enverify.support.SettingMessages.refusedInEnglish;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.enverify.realm.TestType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CodeRealmSettingsGroupTests {

    @ParameterizedTest(name = "''{0}''")
    @CsvSource({
        "confirmed, CONFIRMED",
        "'confirmed,likely', CONFIRMED LIKELY",
        "' Confirmed , ,NEGATIVE ', CONFIRMED NEGATIVE",
        "'user-report,confirmed,confirmed', CONFIRMED USER_REPORT",
        "'confirmed,likely,negative,user-report', CONFIRMED LIKELY NEGATIVE USER_REPORT"
    })
    void testTypesAreCommaSeparatedApiNames(String text, String expected) {
        assertThat(CodeRealmSettingsGroup.ALLOWED_TEST_TYPES.type().parse(text)).isEqualTo(types(expected));
    }

    @ParameterizedTest(name = "''{0}'': {1}")
    @CsvSource({
        "'', must allow at least one test type",
        "' , ,', must allow at least one test type",
        "'confirmed,positive', '''positive'' is not one of confirmed, likely, negative, user-report'",
        "user_report, '''user_report'' is not one of confirmed, likely, negative, user-report'"
    })
    void unknownOrNoTestTypesAreRefused(String text, String message) {
        assertThat(refusedInEnglish(
                        () -> CodeRealmSettingsGroup.ALLOWED_TEST_TYPES.type().parse(text)))
                .isEqualTo(message);
    }

    private static Set<TestType> types(String names) {
        Set<TestType> types = EnumSet.noneOf(TestType.class);
        Arrays.stream(names.split(" ")).map(TestType::valueOf).forEach(types::add);
        return types;
    }
}
