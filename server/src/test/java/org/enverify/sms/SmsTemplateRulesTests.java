package org.enverify.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SmsTemplateRulesTests {

    private static final String EXACTLY_ONE = "must contain exactly one of [code] or [longcode]";
    private static final SmsTemplateRules.Expansion WITHOUT_EN_EXPRESS = new SmsTemplateRules.Expansion(8, 16, null);
    private static final String LINK = "https://us-wa.en.example.org/v?c=" + "x".repeat(16);
    private static final SmsTemplateRules.Expansion WITH_EN_EXPRESS = new SmsTemplateRules.Expansion(8, 16, LINK);

    @ParameterizedTest(name = "{0}: ''{1}''")
    @CsvSource(
            delimiter = '|',
            value = {
                "Default SMS template|Your code is [code]. It expires in [expires] minutes.",
                "Default SMS template|Open https://en.example/v?c=[longcode] within [longexpires] hours.",
                "Default SMS template|[code] [code]",
                "Other|[code] expires in [longexpires] hours",
                "User Report|Your requested code: [code] expires in [expires] minutes. [region]"
            })
    void templatesWithExactlyOneKindOfCodeAreTaken(String label, String template) {
        assertThat(SmsTemplateRules.problems(label, template, WITHOUT_EN_EXPRESS))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}: ''{1}''")
    @CsvSource(
            delimiter = '|',
            value = {
                "Default SMS template|no code at all|" + EXACTLY_ONE,
                "Default SMS template|[code] and [longcode]|" + EXACTLY_ONE,
                "Default SMS template|[CODE] in capitals|" + EXACTLY_ONE,
                "Default SMS template|[code] [enslink]|[enslink] needs EN Express, which this realm does not use",
                "User Report|[code] expires in [longexpires] hours|"
                        + "the User Report template must not contain [longexpires]: user-report codes expire with the short code"
            })
    void templatesBreakingARuleAreRefusedWithThatRule(String label, String template, String problem) {
        assertThat(SmsTemplateRules.problems(label, template, WITHOUT_EN_EXPRESS))
                .containsExactly(problem);
    }

    @ParameterizedTest(name = "{0}: ''{1}''")
    @CsvSource(
            delimiter = '|',
            value = {
                "Default SMS template|" + SmsTemplateRules.EN_EXPRESS_TEMPLATE,
                "User Report|" + SmsTemplateRules.EN_EXPRESS_USER_REPORT_TEMPLATE,
                "Other|Open [enslink] or call us with [code] within [expires] minutes"
            })
    void withEnExpressTemplatesCarryingTheLinkAreTaken(String label, String template) {
        assertThat(SmsTemplateRules.problems(label, template, WITH_EN_EXPRESS)).isEmpty();
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(
            delimiter = '|',
            value = {
                "Your code is [code]|must contain [enslink]: this realm uses EN Express",
                "[enslink] for [region]|must not contain [region]: [enslink] carries it",
                "[enslink] or [longcode]|must not contain [longcode]: [enslink] carries it"
            })
    void withEnExpressTemplatesWithoutTheLinkOrRepeatingItsPartsAreRefused(String template, String problem) {
        assertThat(SmsTemplateRules.problems("Default SMS template", template, WITH_EN_EXPRESS))
                .containsExactly(problem);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"800, true", "801, false"})
    void theLinkCountsInTheExpandedLength(int linkLength, boolean taken) {
        String template = "[enslink]" + "x".repeat(918 - 800);
        SmsTemplateRules.Expansion expansion = new SmsTemplateRules.Expansion(8, 16, "l".repeat(linkLength));
        assertThat(SmsTemplateRules.problems("Default SMS template", template, expansion))
                .isEqualTo(taken ? List.of() : List.of("is longer than 918 characters once the code is filled in"));
    }

    @ParameterizedTest(name = "EN Express {1}: ''{0}''")
    @CsvSource(
            delimiter = '|',
            value = {
                "Your code is [code]|false|true",
                "Your code is [code]|true|false",
                "[enslink]|true|true",
                "[enslink]|false|false"
            })
    void aTemplateSuitsTheModeWhoseLinkRuleItMeets(String template, boolean enExpress, boolean suits) {
        assertThat(SmsTemplateRules.suits(template, enExpress)).isEqualTo(suits);
        assertThat(SmsTemplateRules.suits(SmsTemplateRules.defaultTemplate(enExpress), enExpress))
                .isTrue();
        assertThat(SmsTemplateRules.suits(SmsTemplateRules.defaultUserReportTemplate(enExpress), enExpress))
                .isTrue();
    }

    static Stream<Arguments> lengths() {
        String fill = "x".repeat(SmsTemplateRules.MAX_LENGTH - "[code]".length());
        return Stream.of(
                Arguments.of("[code]" + fill, 8, true),
                Arguments.of("[code]" + fill + "x", 8, false),
                // 102 codes of 9 digits fill exactly the 918 characters one multipart SMS carries
                Arguments.of("[code]".repeat(102), 9, true),
                Arguments.of("[code]".repeat(102), 10, false));
    }

    @ParameterizedTest(name = "{index}: {1} digits, taken {2}")
    @MethodSource("lengths")
    void templatesAreBoundedBeforeAndAfterTheCodeIsFilledIn(String template, int codeLength, boolean taken) {
        assertThat(SmsTemplateRules.problems(
                        "Default SMS template", template, new SmsTemplateRules.Expansion(codeLength, 16, null)))
                .hasSize(taken ? 0 : 1)
                .allSatisfy(problem -> assertThat(problem)
                        .isIn(
                                "must be at most 800 characters",
                                "is longer than 918 characters once the code is filled in"));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"Spanish", "User Report", "a", "Default SMS template 2"})
    void labelsThatAreNotReservedAreTaken(String label) {
        assertThat(SmsTemplateRules.labelProblems(label)).isEmpty();
    }

    @ParameterizedTest(name = "''{0}''")
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void blankLabelsAreRefused(String label) {
        assertThat(SmsTemplateRules.labelProblems(label)).containsExactly("must not be empty");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"Default SMS template", "default sms template", "  DEFAULT SMS TEMPLATE  "})
    void theDefaultLabelIsReserved(String label) {
        assertThat(SmsTemplateRules.labelProblems(label))
                .containsExactly("'Default SMS template' is reserved for the realm's sms_text_template");
    }

    @ParameterizedTest(name = "{0} characters, taken {1}")
    @CsvSource({"100, true", "101, false"})
    void labelsAreAtMostAHundredCharacters(int length, boolean taken) {
        assertThat(SmsTemplateRules.labelProblems("l".repeat(length)))
                .isEqualTo(taken ? List.of() : List.of("must be at most 100 characters"));
    }

    @ParameterizedTest(name = "{index}")
    @ValueSource(strings = {"tab\there", "new\nline", "nul\u0000"})
    void labelsWithControlCharactersAreRefused(String label) {
        assertThat(SmsTemplateRules.labelProblems(label)).containsExactly("must not contain control characters");
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(
            delimiter = '|',
            value = {"'Your  code\t is [code] '|Your code is [code]", "'  [code]  '|[code]", "[code]|[code]"})
    void normalizingFoldsWhitespace(String template, String expected) {
        assertThat(SmsTemplateRules.normalize(template)).isEqualTo(expected);
    }
}
