package org.enverify.mailoutbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.enverify.audit.AuditLog;
import org.enverify.jobs.JobQueue;
import org.enverify.platform.Actor;
import org.enverify.realm.RealmId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends mail by writing it to the outbox in the caller's transaction and, when an SMTP account carries
 * the mail (the realm's own, else the system account), enqueuing its delivery in the same transaction: a mail goes out if and only if the change that
 * wrote it commits. The log says that a mail was written, never what it says: bodies carry links
 * that open accounts.
 */
@Service
public class Mailer {

    private static final Logger log = LoggerFactory.getLogger(Mailer.class);

    private final JdbcClient jdbc;
    private final JobQueue jobs;
    private final MailDeliveryJob delivery;
    private final RealmMailAccounts accounts;
    private final Clock clock;

    private final AuditLog audit;

    Mailer(
            JdbcClient jdbc,
            JobQueue jobs,
            MailDeliveryJob delivery,
            RealmMailAccounts accounts,
            Clock clock,
            AuditLog audit) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.delivery = delivery;
        this.accounts = accounts;
        this.clock = clock;
        this.audit = audit;
    }

    @Transactional
    public long send(RealmId realm, String recipient, String subject, String body) {
        long id = jdbc.sql("INSERT INTO mail_outbox (realm_id, recipient, subject, body, created_at)"
                        + " VALUES (?, ?, ?, ?, ?) RETURNING id")
                .params(realm == null ? null : realm.value(), recipient, subject, body, Timestamp.from(clock.instant()))
                .query(Long.class)
                .single();
        if (accounts.accountFor(Optional.ofNullable(realm)).isPresent()) {
            jobs.enqueue(delivery, Long.toString(id), MailDeliveryJob.Delivery.of(id, Optional.ofNullable(realm)));
        } else {
            log.info("Mail {} kept in the outbox for a system administrator to read: SMTP is not configured", id);
        }
        return id;
    }

    /** The newest mails first. */
    public List<OutboxMail> outbox(int limit, int offset) {
        return jdbc.sql("SELECT id, realm_id, recipient, subject, body, created_at, sent_at FROM mail_outbox"
                        + " ORDER BY id DESC LIMIT ? OFFSET ?")
                .params(limit, offset)
                .query(MailRows::map)
                .list();
    }

    public Optional<OutboxMail> find(long id) {
        return jdbc.sql(
                        "SELECT id, realm_id, recipient, subject, body, created_at, sent_at FROM mail_outbox WHERE id = ?")
                .param(id)
                .query(MailRows::map)
                .optional();
    }

    /**
     * The full text of a mail that was never sent, for a system administrator to pass its link on when
     * there is no SMTP; the audit trail records who read it. A sent mail's links are masked for good.
     */
    @Transactional
    public Optional<String> revealUnsent(long id, Actor actor) {
        Optional<OutboxMail> mail = find(id).filter(m -> m.sentAt() == null);
        mail.ifPresent(m -> audit.recordSystemWide(
                actor, "mail.reveal", "mail:" + id, Map.of(), Map.of("recipient", m.recipient())));
        return mail.map(OutboxMail::body);
    }
}
