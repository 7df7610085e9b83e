package org.enverify.mailoutbox;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.enverify.platform.Refusal;
import org.enverify.platform.api.ErrorCode;

/** What an SMTP account's fields must be, for the system account and the realms' own alike. */
final class SmtpRules {

    private static final Pattern HOST = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final int MAX_USERNAME = 254;
    private static final int MAX_PASSWORD = 500;
    private static final int MAX_FROM = 320;

    /**
     * The account's fields once checked.
     *
     * @param password the new password; null keeps the account's, and is also what an account without username has
     */
    record Checked(String host, int port, String username, String password, String from, SmtpTls tls) {}

    private SmtpRules() {}

    /**
     * @param hasPassword whether the account has a password a blank field keeps
     * @throws Refusal about each refused field
     */
    static Checked check(SmtpInput input, boolean hasPassword) {
        List<Refusal> refused = new ArrayList<>();
        if (!HOST.matcher(input.host()).matches()) {
            refused.add(refusal("host", "must be a host name such as smtp.example.org", "mail.error.host"));
        }
        int port = port(input.port());
        if (port == 0) {
            refused.add(refusal("port", "must be a number from 1 to 65535", "mail.error.port"));
        }
        if (input.username().length() > MAX_USERNAME || hasControlCharacters(input.username())) {
            refused.add(refusal(
                    "username", "must be at most 254 characters without control characters", "mail.error.username"));
        }
        String password = null;
        if (!input.username().isEmpty()) {
            if (!input.password().isEmpty()) {
                password = input.password();
                if (password.length() > MAX_PASSWORD || hasControlCharacters(password)) {
                    refused.add(refusal(
                            "password",
                            "must be at most 500 characters without control characters",
                            "mail.error.passwordInvalid"));
                }
            } else if (!hasPassword) {
                refused.add(refusal("password", "is required with a user name", "mail.error.password"));
            }
        }
        if (!isAddress(input.from())) {
            refused.add(refusal(
                    "from", "must be one mail address, such as Enverify <no-reply@example.org>", "mail.error.from"));
        }
        SmtpTls tls = SmtpTls.of(input.tls()).orElse(null);
        if (tls == null) {
            refused.add(refusal("tls", "must be starttls, tls or none", "mail.error.tls"));
        } else if (tls == SmtpTls.NONE && !input.username().isEmpty()) {
            refused.add(refusal("tls", "must be starttls or tls with a user name and password", "mail.error.plain"));
        }
        if (!refused.isEmpty()) {
            throw Refusal.ofEach(ErrorCode.UNPARSABLE_REQUEST, refused);
        }
        return new Checked(input.host(), port, input.username(), password, input.from(), tls);
    }

    private static int port(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
            return 0;
        }
        int port = Integer.parseInt(text);
        return port <= 65535 ? port : 0;
    }

    private static boolean isAddress(String text) {
        if (text.isEmpty() || text.length() > MAX_FROM || hasControlCharacters(text)) {
            return false;
        }
        try {
            InternetAddress[] addresses = InternetAddress.parse(text, true);
            return addresses.length == 1 && addresses[0].getAddress().contains("@");
        } catch (AddressException e) {
            return false;
        }
    }

    private static boolean hasControlCharacters(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }

    static Refusal refusal(String field, String text, String messageKey) {
        return Refusal.of(ErrorCode.UNPARSABLE_REQUEST, "The " + field + " " + text)
                .about(field)
                .shown(messageKey);
    }
}
