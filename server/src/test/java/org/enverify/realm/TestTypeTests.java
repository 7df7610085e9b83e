package org.enverify.realm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class TestTypeTests {

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource({
        "confirmed, CONFIRMED",
        "likely, LIKELY",
        "negative, NEGATIVE",
        "user-report, USER_REPORT",
        "CONFIRMED, CONFIRMED",
        "User-Report, USER_REPORT",
        "'  likely ', LIKELY"
    })
    void anApiNameIsReadWhateverItsCaseAndSurroundingSpace(String name, TestType expected) {
        assertThat(TestType.fromApiName(name)).contains(expected);
    }

    @ParameterizedTest(name = "\"{0}\" is no test type")
    @NullSource
    @ValueSource(strings = {"", " ", "positive", "user_report", "userreport", "confirmed,likely", "2"})
    void anythingElseIsNoTestType(String name) {
        assertThat(TestType.fromApiName(name)).isEmpty();
    }

    @ParameterizedTest(name = "mask {0} is [{1}]")
    @CsvSource({
        "0, ''",
        "2, confirmed",
        "6, 'confirmed,likely'",
        "14, 'confirmed,likely,negative'",
        "18, 'confirmed,user-report'",
        "30, 'confirmed,likely,negative,user-report'",
        "1, ''",
        "33, ''"
    })
    void aMaskHoldsTheTypesOfItsBitsAndIgnoresOthers(int mask, String described) {
        Set<TestType> types = TestType.fromMask(mask);

        assertThat(TestType.describe(types)).isEqualTo(described);
        assertThat(TestType.toMask(types)).isEqualTo(mask & 30);
    }

    @ParameterizedTest(name = "[{0}] round-trips through its mask")
    @ValueSource(
            strings = {
                "",
                "confirmed",
                "likely,negative",
                "confirmed,user-report",
                "confirmed,likely,negative,user-report"
            })
    void everySetOfTypesRoundTripsThroughItsMask(String names) {
        Set<TestType> types = Stream.of(names.split(","))
                .filter(name -> !name.isEmpty())
                .map(name -> TestType.fromApiName(name).orElseThrow())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(TestType.class)));

        assertThat(TestType.fromMask(TestType.toMask(types))).isEqualTo(types);
        assertThat(TestType.describe(types)).isEqualTo(names);
    }
}
