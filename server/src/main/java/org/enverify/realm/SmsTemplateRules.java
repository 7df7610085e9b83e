package org.enverify.realm;

import java.util.ArrayList;
import java.util.List;

/** The rules an SMS template must meet (upstream's, for realms without EN Express). */
final class SmsTemplateRules {

    static final int MAX_LENGTH = 800;
    static final int MAX_EXPANDED_LENGTH = 918;

    private SmsTemplateRules() {}

    /** SMS carriers fold whitespace anyway; storing it folded keeps the length checks honest. */
    static String normalize(String template) {
        return template.replaceAll("\\s+", " ").trim();
    }

    static List<String> problems(String template, int codeLength, int longCodeLength) {
        List<String> problems = new ArrayList<>();
        boolean hasCode = template.contains("[code]");
        boolean hasLongCode = template.contains("[longcode]");
        if (hasCode == hasLongCode) {
            problems.add("must contain exactly one of [code] or [longcode]");
        }
        if (template.contains("[enslink]")) {
            problems.add("[enslink] needs EN Express, which this realm does not use");
        }
        if (template.length() > MAX_LENGTH) {
            problems.add("must be at most " + MAX_LENGTH + " characters");
        }
        String expanded = template.replace("[code]", "x".repeat(codeLength))
                .replace("[longcode]", "x".repeat(longCodeLength))
                .replace("[expires]", "120")
                .replace("[longexpires]", "24");
        if (expanded.length() > MAX_EXPANDED_LENGTH) {
            problems.add("is longer than " + MAX_EXPANDED_LENGTH + " characters once the code is filled in");
        }
        return problems;
    }
}
