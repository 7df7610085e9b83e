package org.enverify.mailoutbox;

import java.util.Properties;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * An SMTP account mails are handed to.
 *
 * @param username empty for a server that takes mail without authentication
 * @param realmOwned whether a realm administrator set it, so that its host must be a public address
 */
record SmtpAccount(
        String host, int port, String username, String password, String from, SmtpTls tls, boolean realmOwned) {

    private static final String TIMEOUT_MILLIS = "10000";

    /** A sender for one delivery; JavaMail connects only when it sends. */
    JavaMailSenderImpl sender() {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(host);
        sender.setPort(port);
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.connectiontimeout", TIMEOUT_MILLIS);
        properties.setProperty("mail.smtp.timeout", TIMEOUT_MILLIS);
        properties.setProperty("mail.smtp.writetimeout", TIMEOUT_MILLIS);
        switch (tls) {
            case STARTTLS -> {
                properties.setProperty("mail.smtp.starttls.enable", "true");
                properties.setProperty("mail.smtp.starttls.required", "true");
                properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            case TLS -> {
                properties.setProperty("mail.smtp.ssl.enable", "true");
                properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            case NONE -> {}
        }
        if (!username.isEmpty()) {
            properties.setProperty("mail.smtp.auth", "true");
            sender.setUsername(username);
            sender.setPassword(password);
        }
        sender.setJavaMailProperties(properties);
        return sender;
    }

    /** Never the password, wherever the account is printed. */
    @Override
    public String toString() {
        return "SmtpAccount[" + host + ":" + port + ", " + tls.value() + (realmOwned ? ", realm's" : "") + "]";
    }
}
