package org.enverify.mailoutbox;

/**
 * An SMTP account as pages show it: never the password, only whether one is set.
 *
 * @param host empty when there is no account
 */
public record SmtpShown(String host, int port, String username, boolean passwordSet, String from, String tls) {

    static final SmtpShown NONE = new SmtpShown("", 587, "", false, "", SmtpTls.STARTTLS.value());

    static SmtpShown of(SmtpAccount account) {
        return new SmtpShown(
                account.host(),
                account.port(),
                account.username(),
                !account.password().isEmpty(),
                account.from(),
                account.tls().value());
    }
}
