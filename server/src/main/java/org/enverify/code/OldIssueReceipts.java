package org.enverify.code;

import java.time.Duration;
import org.enverify.jobs.Retention;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Issue receipts a day after their form was posted: the code they hold lives an hour at most, and a day is long
 * after anyone reloads its result page.
 */
@Component
class OldIssueReceipts extends Retention {

    static final Duration MAX_AGE = Duration.ofDays(1);

    OldIssueReceipts(JdbcClient jdbc) {
        super(jdbc, "old issue receipts", Row.timestamp("issue_receipts", "created_at", MAX_AGE));
    }
}
