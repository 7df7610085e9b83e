package org.enverify.mailoutbox;

import org.enverify.jobs.CleanupSettings;
import org.enverify.jobs.Retention;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Outbox mails hold addresses and, until sent, links that open accounts. They go, sent or not, after {@code
 * ENVERIFY_CLEANUP_MAIL_OUTBOX_MAX_AGE} (30 days by default): a month of what was sent to whom, for support,
 * long after every link in them has expired (an invitation's after 72 hours by default).
 */
@Component
class OldOutboxMails extends Retention {

    OldOutboxMails(JdbcClient jdbc, CleanupSettings settings) {
        super(jdbc, "old outbox mails", Row.timestamp("mail_outbox", "created_at", settings.mailOutboxMaxAge()));
    }
}
