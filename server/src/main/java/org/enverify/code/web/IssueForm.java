package org.enverify.code.web;

import org.enverify.code.IssueCodeCommand;

/** The issue form as the case worker filled it in; re-shown as typed when refused. */
record IssueForm(
        String testType, String symptomDate, String testDate, String phone, String smsTemplate, String tzOffset) {

    static IssueForm empty() {
        return new IssueForm("confirmed", "", "", "", "", "");
    }

    IssueCodeCommand toCommand() {
        return new IssueCodeCommand(
                blankToNull(symptomDate),
                blankToNull(testDate),
                testType,
                parseOffset(tzOffset),
                blankToNull(phone),
                blankToNull(smsTemplate),
                null,
                null,
                false);
    }

    private static Double parseOffset(String text) {
        try {
            return text == null || text.isBlank() ? null : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
