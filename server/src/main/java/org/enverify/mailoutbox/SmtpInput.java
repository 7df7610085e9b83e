package org.enverify.mailoutbox;

/**
 * An SMTP account as a person typed it, on a page or the command line; every field may be anything until
 * {@link SmtpRules} checked it.
 *
 * @param password empty keeps the account's password
 * @param tls {@code starttls}, {@code tls} or {@code none}
 */
public record SmtpInput(String host, String port, String username, String password, String from, String tls) {

    public SmtpInput {
        host = trimmed(host);
        port = trimmed(port);
        username = trimmed(username);
        password = password == null ? "" : password;
        from = trimmed(from);
        tls = trimmed(tls);
    }

    private static String trimmed(String text) {
        return text == null ? "" : text.strip();
    }
}
