package org.enverify.mail;

import java.time.Instant;

/** A mail in the outbox; {@code sentAt} is empty until SMTP accepted it, and stays so without SMTP. */
public record OutboxMail(
        long id, Long realmId, String recipient, String subject, String body, Instant createdAt, Instant sentAt) {}
