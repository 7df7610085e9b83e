package org.enverify.code.bulk;

import org.enverify.jobs.CleanupSettings;
import org.enverify.jobs.Retention;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Bulk issues, with their rows (the database cascades), after {@code ENVERIFY_CLEANUP_BULK_ISSUE_MAX_AGE} (30
 * days by default) from their upload: long after every code they issued has expired and been deleted, and long
 * after anyone still needs the results. A file uploaded again after that is a new upload.
 */
@Component
class OldBulkIssues extends Retention {

    OldBulkIssues(JdbcClient jdbc, CleanupSettings settings) {
        super(jdbc, "old bulk issues", Row.timestamp("bulk_issues", "created_at", settings.bulkIssueMaxAge()));
    }
}
