package org.enverify.mailoutbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The system SMTP account as it is until a system administrator stores one on the system SMTP page.
 *
 * @param host the SMTP server ({@code ENVERIFY_SMTP_HOST}); empty keeps every mail in the outbox only
 * @param port its port ({@code ENVERIFY_SMTP_PORT})
 * @param username the account ({@code ENVERIFY_SMTP_USERNAME}); empty for a relay without authentication
 * @param password its password ({@code ENVERIFY_SMTP_PASSWORD}, or a {@code _FILE} variant)
 * @param starttls whether the connection must be upgraded with STARTTLS before anything is sent
 *     ({@code ENVERIFY_SMTP_STARTTLS}); false sends in plain text
 * @param from the sender of every mail ({@code ENVERIFY_SMTP_FROM})
 */
@ConfigurationProperties("enverify.smtp")
record SmtpSettings(
        @DefaultValue("") String host,
        @DefaultValue("587") int port,
        @DefaultValue("") String username,
        @DefaultValue("") String password,
        @DefaultValue("true") boolean starttls,
        @DefaultValue("Enverify <no-reply@localhost>") String from) {

    /** Never the password, wherever the settings are printed. */
    @Override
    public String toString() {
        return "SmtpSettings[" + host + ":" + port + ", starttls=" + starttls + "]";
    }
}
