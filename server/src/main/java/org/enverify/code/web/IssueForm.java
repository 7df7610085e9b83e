package org.enverify.code.web;

import java.util.Optional;
import java.util.UUID;
import org.enverify.code.Codes;
import org.enverify.code.IssueCodeCommand;

/**
 * The issue form as the case worker filled it in; re-shown as typed when refused. {@code formId} is the form's own
 * random id, so that the server issues once however often the same form is posted; {@code phoneCountry} is the
 * country the phone field's picker shows (empty without JavaScript: then the realm's SMS country reads the number).
 */
record IssueForm(
        String testType,
        String symptomDate,
        String testDate,
        String phone,
        String phoneCountry,
        String smsTemplate,
        String tzOffset,
        String formId) {

    static IssueForm empty() {
        return new IssueForm(
                "confirmed", "", "", "", "", "", "", UUID.randomUUID().toString());
    }

    /** The form's id; a post without a readable one gets a new id, so it still issues only once. */
    UUID formIdOrNew() {
        return Optional.ofNullable(formId).flatMap(Codes::parseUuid).orElseGet(UUID::randomUUID);
    }

    /** The same form under this id, as the refused form is shown again. */
    IssueForm withFormId(UUID id) {
        return new IssueForm(
                testType, symptomDate, testDate, phone, phoneCountry, smsTemplate, tzOffset, id.toString());
    }

    IssueCodeCommand toCommand() {
        String typed = blankToNull(phone);
        return new IssueCodeCommand(
                blankToNull(symptomDate),
                blankToNull(testDate),
                testType,
                parseOffset(tzOffset),
                typed == null ? null : Codes.phoneInRegion(typed, blankToNull(phoneCountry)),
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
