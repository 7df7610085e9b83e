package org.enverify.mailoutbox;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.mail.internet.InternetAddress;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.enverify.jobs.OneTimeJob;
import org.enverify.platform.net.OutboundUrls;
import org.enverify.realm.RealmId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.stereotype.Component;

/**
 * Hands one outbox mail to the SMTP account that carries it now (the realm's own, else the system account) and marks it sent, masking the links of the stored copy. A worker that dies between the two sends it again
 * on the retry: a duplicate mail is better than a lost invitation.
 */
@Component
class MailDeliveryJob implements OneTimeJob<MailDeliveryJob.Delivery> {

    /**
     * One outbox mail to deliver.
     *
     * @param realm the realm the mail belongs to; empty for a system mail, which belongs to none
     * @param realmStated false only in payloads queued before the realm was carried, which name the mail
     *     alone: such a mail is found by its id, as it was when it was queued
     */
    record Delivery(long mailId, Optional<RealmId> realm, boolean realmStated) {

        Delivery {
            realm = realm == null ? Optional.empty() : realm;
        }

        static Delivery of(long mailId, Optional<RealmId> realm) {
            return new Delivery(mailId, realm, true);
        }

        @JsonCreator
        static Delivery fromJson(
                @JsonProperty("mailId") long mailId,
                @JsonProperty("realm") Optional<RealmId> realm,
                @JsonProperty("realmStated") Boolean realmStated) {
            return new Delivery(mailId, realm, Boolean.TRUE.equals(realmStated));
        }
    }

    private final JdbcClient jdbc;
    private final RealmMailAccounts accounts;
    private final OutboundUrls outbound;
    private final Clock clock;

    MailDeliveryJob(JdbcClient jdbc, RealmMailAccounts accounts, OutboundUrls outbound, Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.outbound = outbound;
        this.clock = clock;
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
        Optional<OutboxMail> mail = delivery.realmStated()
                ? jdbc.sql("SELECT id, realm_id, recipient, subject, body, created_at, sent_at FROM mail_outbox"
                                + " WHERE id = ? AND realm_id IS NOT DISTINCT FROM CAST(? AS bigint)")
                        .params(
                                delivery.mailId(),
                                delivery.realm().map(RealmId::value).orElse(null))
                        .query(MailRows::map)
                        .optional()
                : jdbc.sql(
                                "SELECT id, realm_id, recipient, subject, body, created_at, sent_at FROM mail_outbox WHERE id = ?")
                        .param(delivery.mailId())
                        .query(MailRows::map)
                        .optional();
        if (mail.isEmpty() || mail.get().sentAt() != null) {
            return;
        }
        SmtpAccount account = accounts.accountFor(
                        Optional.ofNullable(mail.get().realmId()).map(RealmId::new))
                .orElseThrow(
                        () -> new IllegalStateException("SMTP is no longer configured; the mail stays in the outbox"));
        if (account.realmOwned()) {
            // a realm's administrators chose this host: it must still resolve to public addresses only
            outbound.checkHost(account.host());
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(new InternetAddress(account.from()).toString());
        message.setTo(mail.get().recipient());
        message.setSubject(mail.get().subject());
        message.setText(mail.get().body());
        account.sender().send(message);
        // Delivered, the link lives in the recipient's mailbox only: the outbox keeps it masked.
        jdbc.sql("UPDATE mail_outbox SET sent_at = ?, body = ? WHERE id = ?")
                .params(Timestamp.from(clock.instant()), mail.get().maskedBody(), delivery.mailId())
                .update();
    }
}
