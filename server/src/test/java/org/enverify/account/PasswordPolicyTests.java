package org.enverify.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

class PasswordPolicyTests {

    private static final String EMAIL = "maria.lopez@example.org";
    private static final String NAME = "Ngozi Okafor";

    @ParameterizedTest(name = "''{0}''")
    @CsvSource({
        "tulip-anvil-97",
        "correct horse battery staple",
        "Zebra!Quilt#Moss",
        "al-tulip-anvil",
        "ngoz-tulip-anvil",
        "lopez is no key"
    })
    void longUnguessableUnpersonalPasswordsAreTaken(String password) {
        assertThat(PasswordPolicy.problem(password, EMAIL, NAME)).isEmpty();
    }

    @ParameterizedTest(name = "''{0}''")
    @NullAndEmptySource
    @CsvSource({"elevenchars", "tulip-anvil", "password"})
    void passwordsShorterThanTwelveAreTooShort(String password) {
        assertThat(PasswordPolicy.problem(password, EMAIL, NAME)).contains("password.tooShort");
    }

    static Stream<Arguments> lengthBoundaries() {
        String unit = "tulip-anvil-97 ";
        String long200 = unit.repeat(14).substring(0, 200);
        return Stream.of(
                Arguments.of("tulipanvil97", Optional.empty()),
                Arguments.of("tulipanvil9", Optional.of("password.tooShort")),
                // a character outside the basic plane counts once: eleven tulips are 22 chars but 11 characters
                Arguments.of("\uD83C\uDF37".repeat(11), Optional.of("password.tooShort")),
                Arguments.of(long200, Optional.empty()),
                Arguments.of(long200 + "x", Optional.of("password.tooLong")));
    }

    @ParameterizedTest(name = "{index}: {1}")
    @MethodSource("lengthBoundaries")
    void lengthIsBoundedOnBothSides(String password, Optional<String> problem) {
        assertThat(PasswordPolicy.problem(password, EMAIL, NAME)).isEqualTo(problem);
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource({"aaaaaaaaaaaa", "abababababab", "1212121212121", "abcdabcdabcdabcd", "AaAaBbBbCcCc"})
    void passwordsOfFewerThanFiveDistinctCharactersAreRepetitive(String password) {
        assertThat(PasswordPolicy.problem(password, EMAIL, NAME)).contains("password.repetitive");
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource({
        "Password1234",
        "2024password",
        "passw0rd-2024",
        "passwordpassword",
        "qwertyqwertyqwerty",
        "letmein-letmein",
        "qwertyuiopas",
        "abcdefghijkl",
        "zyxwvutsrqpo",
        "Enverify2026!"
    })
    void passwordsGuessingListsTryFirstAreCommon(String password) {
        assertThat(PasswordPolicy.problem(password, EMAIL, NAME)).contains("password.common");
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource({"maria.lopez-rocks-7", "my name is ngozi okafor", "tulip-OKAFOR-anvil"})
    void passwordsHoldingTheMailboxOrTheNameArePersonal(String password) {
        assertThat(PasswordPolicy.problem(password, EMAIL, "Okafor")).contains("password.personal");
    }

    @ParameterizedTest(name = "''{0}'' with e-mail ''{1}'' and name ''{2}''")
    @CsvSource({"tulip-bo-anvil-9, bo@example.org, Bo", "tulip-anvil-97, , ", "tulip-anvil-97, no-at-sign, "})
    void personalPartsShorterThanFourOrAbsentAreNotChecked(String password, String email, String name) {
        assertThat(PasswordPolicy.problem(password, email, name)).isEmpty();
    }
}
