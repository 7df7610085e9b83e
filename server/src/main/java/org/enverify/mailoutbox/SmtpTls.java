package org.enverify.mailoutbox;

import java.util.Locale;
import java.util.Optional;

/** How a connection to an SMTP server is protected. */
public enum SmtpTls {
    /** Plain connection upgraded with STARTTLS before anything is sent; refused when the server does not offer it. */
    STARTTLS,
    /** TLS from the first byte (SMTPS, usually port 465). */
    TLS,
    /** Plain text, for a relay on a trusted network; never with a password. */
    NONE;

    /** The name forms, the CLI and storage use. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<SmtpTls> of(String value) {
        for (SmtpTls tls : values()) {
            if (tls.value().equals(value)) {
                return Optional.of(tls);
            }
        }
        return Optional.empty();
    }
}
