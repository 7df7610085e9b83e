package org.enverify.mailoutbox;

import java.time.Instant;

/**
 * A mail in the outbox; {@code sentAt} is empty until SMTP accepted it, and stays so without SMTP. Once
 * sent, the stored body keeps its links only masked.
 */
public record OutboxMail(
        long id, Long realmId, String recipient, String subject, String body, Instant createdAt, Instant sentAt) {

    /** The body with the secret part of every link masked, as the outbox pages show it. */
    public String maskedBody() {
        return MailLinks.mask(body);
    }
}
