package org.enverify.sms;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.enverify.realm.GeneralRealmSettings;
import org.enverify.realm.RealmSettings;
import org.enverify.redirect.EnExpressLinks;
import org.enverify.redirect.ExpressRealmSettings;

/**
 * The rules an SMS template must meet (upstream's), for the realm's default template and its named
 * alternates alike: with EN Express the template carries the realm's link ({@code [enslink]}), without it
 * one of the codes.
 */
public final class SmsTemplateRules {

    /** The label under which the realm's own {@code sms_text_template} is listed; no alternate may take it. */
    public static final String DEFAULT_LABEL = "Default SMS template";

    /** The template user reports use; a realm that has none uses the default user-report text of its mode. */
    public static final String USER_REPORT_LABEL = "User Report";

    public static final String DEFAULT_TEMPLATE =
            "This is your Exposure Notifications Verification code: [longcode] Expires in [longexpires] hours";

    public static final String EN_EXPRESS_TEMPLATE = "Your Exposure Notifications verification link: [enslink]"
            + " Expires in [longexpires] hours (click for mobile device only)";

    public static final String DEFAULT_USER_REPORT_TEMPLATE =
            "Your requested Exposure Notifications code: [code] expires in [expires] minutes. If you did not"
                    + " request this code, please ignore this message.";

    public static final String EN_EXPRESS_USER_REPORT_TEMPLATE =
            "Your requested Exposure Notifications link: [enslink] expires in [expires] minutes. If you did not"
                    + " request this code, please ignore this message.";

    static final String ENS_LINK = "[enslink]";
    static final int MAX_LENGTH = 800;
    static final int MAX_EXPANDED_LENGTH = 918;
    static final int MAX_LABEL_LENGTH = 100;

    private SmsTemplateRules() {}

    /** SMS carriers fold whitespace anyway; storing it folded keeps the length checks honest. */
    public static String normalize(String template) {
        return template.replaceAll("\\s+", " ").trim();
    }

    /** The default text of a realm with or without EN Express. */
    public static String defaultTemplate(boolean enExpress) {
        return enExpress ? EN_EXPRESS_TEMPLATE : DEFAULT_TEMPLATE;
    }

    /** The User Report text of a realm with or without EN Express that has none of its own. */
    public static String defaultUserReportTemplate(boolean enExpress) {
        return enExpress ? EN_EXPRESS_USER_REPORT_TEMPLATE : DEFAULT_USER_REPORT_TEMPLATE;
    }

    /** Whether a template suits the mode at all: under EN Express it carries the link, otherwise it must not. */
    static boolean suits(String template, boolean enExpress) {
        return template.contains(ENS_LINK) == enExpress;
    }

    /**
     * What a template is filled in with when its length is checked: codes of the realm's lengths and, for a
     * realm with EN Express, its link; {@code enExpressLink} is null for a realm without.
     */
    public record Expansion(int codeLength, int longCodeLength, String enExpressLink) {

        /** The expansion for a realm with these settings (as saved or about to be) and code lengths. */
        public static Expansion of(RealmSettings settings, int codeLength, int longCodeLength, EnExpressLinks links) {
            if (!settings.get(ExpressRealmSettings.class).enableEnExpress()) {
                return new Expansion(codeLength, longCodeLength, null);
            }
            String region = Objects.requireNonNullElse(
                    settings.get(GeneralRealmSettings.class).regionCode(), "");
            return new Expansion(codeLength, longCodeLength, links.link(region, "x".repeat(longCodeLength)));
        }

        boolean enExpress() {
            return enExpressLink != null;
        }
    }

    /** A rule a template breaks: the key and arguments of its localized message, and its English text. */
    public record Problem(String messageKey, List<String> arguments, String text) {}

    /** What is wrong with a template under this label, in English; empty when it may be saved. */
    public static List<String> problems(String label, String template, Expansion expansion) {
        return templateProblems(label, template, expansion).stream()
                .map(Problem::text)
                .toList();
    }

    /** What is wrong with a template under this label; empty when it may be saved. */
    public static List<Problem> templateProblems(String label, String template, Expansion expansion) {
        List<Problem> problems = new ArrayList<>();
        if (expansion.enExpress()) {
            if (!template.contains(ENS_LINK)) {
                problems.add(new Problem(
                        "setting.error.smsTemplateNeedsEnsLink",
                        List.of(),
                        "must contain [enslink]: this realm uses EN Express"));
            }
            for (String carried : List.of("[region]", "[longcode]")) {
                if (template.contains(carried)) {
                    problems.add(new Problem(
                            "setting.error.smsTemplateCarriedByEnsLink",
                            List.of(carried),
                            "must not contain " + carried + ": [enslink] carries it"));
                }
            }
        } else {
            boolean hasCode = template.contains("[code]");
            boolean hasLongCode = template.contains("[longcode]");
            if (hasCode == hasLongCode) {
                problems.add(new Problem(
                        "setting.error.smsTemplateCodes",
                        List.of(),
                        "must contain exactly one of [code] or [longcode]"));
            }
            if (template.contains(ENS_LINK)) {
                problems.add(new Problem(
                        "setting.error.smsTemplateEnsLink",
                        List.of(),
                        "[enslink] needs EN Express, which this realm does not use"));
            }
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
        String expanded = (expansion.enExpress() ? template.replace(ENS_LINK, expansion.enExpressLink()) : template)
                .replace("[code]", "x".repeat(expansion.codeLength()))
                .replace("[longcode]", "x".repeat(expansion.longCodeLength()))
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
