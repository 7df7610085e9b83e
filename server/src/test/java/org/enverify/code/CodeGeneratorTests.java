package org.enverify.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class CodeGeneratorTests {

    @ParameterizedTest(name = "short code of {0}")
    @CsvSource({"0", "1", "6", "8", "10", "20"})
    void shortCodesAreDigitsOfTheRequestedLength(int length) {
        assertThat(CodeGenerator.shortCode(length)).hasSize(length).matches("[0-9]*");
    }

    @ParameterizedTest(name = "long code of {0}")
    @CsvSource({"0", "1", "12", "16", "20", "64"})
    void longCodesAreLowerCaseLettersAndDigitsOfTheRequestedLength(int length) {
        assertThat(CodeGenerator.longCode(length)).hasSize(length).matches("[a-z0-9]*");
    }

    static Stream<Arguments> alphabets() {
        return Stream.of(
                Arguments.of("short", (IntFunction<String>) CodeGenerator::shortCode, "0123456789"),
                Arguments.of(
                        "long", (IntFunction<String>) CodeGenerator::longCode, "abcdefghijklmnopqrstuvwxyz0123456789"));
    }

    /** 20,000 draws miss one of 36 characters with a probability below 10^-240. */
    @ParameterizedTest(name = "{0} codes")
    @MethodSource("alphabets")
    void everyCharacterOfTheAlphabetIsDrawnAndNoOther(String kind, IntFunction<String> generator, String alphabet) {
        Set<Character> drawn = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            drawn.add(generator.apply(1).charAt(0));
        }
        Set<Character> expected = new HashSet<>();
        alphabet.chars().forEach(c -> expected.add((char) c));
        assertThat(drawn).isEqualTo(expected);
    }
}
