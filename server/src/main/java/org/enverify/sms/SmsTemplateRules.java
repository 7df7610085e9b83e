package org.enverify.sms;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules an SMS template must meet (upstream's, for realms without EN Express), for the realm's
 * default template and its named alternates alike.
 */
public final class SmsTemplateRules {

    /** The label under which the realm's own {@code sms_text_template} is listed; no alternate may take it. */
    public static final String DEFAULT_LABEL = "Default SMS template";

    /** The template user reports use; a realm that has none uses {@link #DEFAULT_USER_REPORT_TEMPLATE}. */
    public static final String USER_REPORT_LABEL = "User Report";

    public static final String DEFAULT_USER_REPORT_TEMPLATE =
            "Your requested Exposure Notifications code: [code] expires in [expires] minutes. If you did not"
                    + " request this code, please ignore this message.";

    static final int MAX_LENGTH = 800;
    static final int MAX_EXPANDED_LENGTH = 918;
    static final int MAX_LABEL_LENGTH = 100;

    private SmsTemplateRules() {}

    /** SMS carriers fold whitespace anyway; storing it folded keeps the length checks honest. */
    public static String normalize(String template) {
        return template.replaceAll("\\s+", " ").trim();
    }

    /** A rule a template breaks: the key and arguments of its localized message, and its English text. */
    public record Problem(String messageKey, List<String> arguments, String text) {}

    /** What is wrong with a template under this label, in English; empty when it may be saved. */
    public static List<String> problems(String label, String template, int codeLength, int longCodeLength) {
        return templateProblems(label, template, codeLength, longCodeLength).stream()
                .map(Problem::text)
                .toList();
    }

    /** What is wrong with a template under this label; empty when it may be saved. */
    public static List<Problem> templateProblems(String label, String template, int codeLength, int longCodeLength) {
        List<Problem> problems = new ArrayList<>();
        boolean hasCode = template.contains("[code]");
        boolean hasLongCode = template.contains("[longcode]");
        if (hasCode == hasLongCode) {
            problems.add(new Problem(
                    "setting.error.smsTemplateCodes", List.of(), "must contain exactly one of [code] or [longcode]"));
        }
        if (template.contains("[enslink]")) {
            problems.add(new Problem(
                    "setting.error.smsTemplateEnsLink",
                    List.of(),
                    "[enslink] needs EN Express, which this realm does not use"));
        }
        if (USER_REPORT_LABEL.equals(label) && template.contains("[longexpires]")) {
            problems.add(
                    new Problem(
                            "setting.error.smsTemplateUserReportLongExpires",
                            List.of(),
                            "the User Report template must not contain [longexpires]: user-report codes expire with the short code"));
        }
        if (template.length() > MAX_LENGTH) {
            problems.add(new Problem(
                    "setting.error.tooLong",
                    List.of(Integer.toString(MAX_LENGTH)),
                    "must be at most " + MAX_LENGTH + " characters"));
        }
        String expanded = template.replace("[code]", "x".repeat(codeLength))
                .replace("[longcode]", "x".repeat(longCodeLength))
                .replace("[expires]", "120")
                .replace("[longexpires]", "24")
                .replace("[region]", "xx-xxxxxxx");
        if (expanded.length() > MAX_EXPANDED_LENGTH) {
            problems.add(new Problem(
                    "setting.error.smsTemplateExpanded",
                    List.of(Integer.toString(MAX_EXPANDED_LENGTH)),
                    "is longer than " + MAX_EXPANDED_LENGTH + " characters once the code is filled in"));
        }
        return problems;
    }

    /** What is wrong with a template label; empty when it may name an alternate template. */
    public static List<String> labelProblems(String label) {
        List<String> problems = new ArrayList<>();
        if (label == null || label.isBlank()) {
            problems.add("must not be empty");
        } else if (label.length() > MAX_LABEL_LENGTH) {
            problems.add("must be at most " + MAX_LABEL_LENGTH + " characters");
        } else if (label.chars().anyMatch(Character::isISOControl)) {
            problems.add("must not contain control characters");
        } else if (label.trim().equalsIgnoreCase(DEFAULT_LABEL)) {
            problems.add("'" + DEFAULT_LABEL + "' is reserved for the realm's sms_text_template");
        }
        return problems;
    }
}
