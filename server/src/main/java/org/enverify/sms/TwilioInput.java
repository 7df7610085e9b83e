package org.enverify.sms;

import java.util.Locale;
import java.util.regex.Pattern;
import org.enverify.platform.Refusal;
import org.enverify.platform.api.ErrorCode;

/** What a Twilio account's fields must look like, for the realms' own accounts and the system account alike. */
final class TwilioInput {

    static final int MAX_AUTH_TOKEN = 200;
    private static final Pattern ACCOUNT_SID = Pattern.compile("AC[A-Za-z0-9]{1,62}");
    private static final Pattern SENDER = Pattern.compile("\\+[1-9][0-9]{5,14}|MG[A-Za-z0-9]{1,62}");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    private TwilioInput() {}

    /** @throws Refusal about {@code accountSid} unless it is AC followed by letters and digits */
    static String accountSid(String accountSid) {
        String sid = accountSid == null ? "" : accountSid.trim();
        if (!ACCOUNT_SID.matcher(sid).matches()) {
            throw refused(
                    "The account SID must be AC followed by letters and digits", "accountSid", "sms.error.accountSid");
        }
        return sid;
    }

    /** @throws Refusal about {@code authToken} when it is longer than Twilio's tokens can be */
    static String authToken(String authToken) {
        String token = authToken.trim();
        if (token.length() > MAX_AUTH_TOKEN) {
            throw refused("The auth token must be at most 200 characters", "authToken", "sms.error.authToken");
        }
        return token;
    }

    /** @throws Refusal about {@code field} unless it is a phone number in E.164 or a messaging service SID */
    static String sender(String number, String what, String field) {
        String sender = number == null ? "" : number.trim();
        if (!SENDER.matcher(sender).matches()) {
            throw refused(
                    "The " + what + " must be a phone number such as +15550100 or a messaging service SID (MG...)",
                    field,
                    "sms.error.number");
        }
        return sender;
    }

    /** A sender's label as the system account keeps it, so that {@code MAIN}, {@code Main} and {@code main} are one. */
    static String label(String label) {
        return label == null ? "" : label.trim().toLowerCase(Locale.ROOT);
    }

    /** @throws Refusal about {@code label} unless it is 1 to 40 lower-case letters, digits and dashes */
    static String checkedLabel(String label) {
        String checked = label(label);
        if (!LABEL.matcher(checked).matches()) {
            throw refused(
                    "The label must be 1 to 40 letters, digits and dashes, starting with a letter or digit",
                    "label",
                    "sms.error.label");
        }
        return checked;
    }

    static Refusal refused(String text, String field, String messageKey, Object... arguments) {
        return Refusal.of(ErrorCode.UNPARSABLE_REQUEST, text).about(field).shown(messageKey, arguments);
    }
}
