package org.enverify.mail;

import jakarta.mail.internet.InternetAddress;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.enverify.jobs.OneTimeJob;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Hands one outbox mail to SMTP and marks it sent, masking the links of the stored copy. A worker that dies between the two sends it again
 * on the retry: a duplicate mail is better than a lost invitation.
 */
@Component
class MailDeliveryJob implements OneTimeJob<MailDeliveryJob.Delivery> {

    record Delivery(long mailId) {}

    private final JdbcClient jdbc;
    private final ObjectProvider<JavaMailSender> sender;
    private final String from;
    private final String smtpHost;
    private final Clock clock;

    MailDeliveryJob(
            JdbcClient jdbc,
            ObjectProvider<JavaMailSender> sender,
            @Value("${enverify.smtp-from:Enverify <no-reply@localhost>}") String from,
            @Value("${spring.mail.host:}") String smtpHost,
            Clock clock) {
        this.jdbc = jdbc;
        this.sender = sender;
        this.from = from;
        this.smtpHost = smtpHost;
        this.clock = clock;
    }

    /** Whether {@code ENVERIFY_SMTP_HOST} names a server. */
    boolean smtpConfigured() {
        return !smtpHost.isBlank() && sender.getIfAvailable() != null;
    }

    @Override
    public String name() {
        return "mail-delivery";
    }

    @Override
    public Class<Delivery> dataType() {
        return Delivery.class;
    }

    @Override
    public void execute(Delivery delivery) throws Exception {
        Optional<OutboxMail> mail = jdbc.sql(
                        "SELECT id, realm_id, recipient, subject, body, created_at, sent_at FROM mail_outbox WHERE id = ?")
                .param(delivery.mailId())
                .query(MailRows::map)
                .optional();
        if (mail.isEmpty() || mail.get().sentAt() != null) {
            return;
        }
        JavaMailSender smtp = sender.getIfAvailable();
        if (smtp == null || smtpHost.isBlank()) {
            throw new IllegalStateException("SMTP is no longer configured; the mail stays in the outbox");
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(new InternetAddress(from).toString());
        message.setTo(mail.get().recipient());
        message.setSubject(mail.get().subject());
        message.setText(mail.get().body());
        smtp.send(message);
        // Delivered, the link lives in the recipient's mailbox only: the outbox keeps it masked.
        jdbc.sql("UPDATE mail_outbox SET sent_at = ?, body = ? WHERE id = ?")
                .params(Timestamp.from(clock.instant()), mail.get().maskedBody(), delivery.mailId())
                .update();
    }
}
