package org.enverify.mailoutbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.UUID;
import org.enverify.jobs.Jobs;
import org.enverify.jobs.PeriodicTasks;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.TestRealm;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The cleanup task forgets outbox mails, sent or not, once they are older than the outbox's retention. */
@EnverifyIntegrationTest
class OldOutboxMailsIntegrationTests {

    @Autowired
    Mailer mailer;

    @Autowired
    PeriodicTasks tasks;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Test
    void mailsOlderThanThirtyDaysGoAndYoungerOnesStay(TestRealm realm) throws Exception {
        long old = send(realm, "Open https://verify.example.org/invitations/old-link to join.");
        long oldSent = send(realm, "Your realm's quota is nearly spent.");
        long young = send(realm, "Open https://verify.example.org/invitations/young-link to join.");
        long systemMail = mailer.send(null, "admin-" + UUID.randomUUID() + "@example.org", "Welcome", "Hello");
        writtenAgo(old, Duration.ofDays(30).plusMinutes(5));
        writtenAgo(oldSent, Duration.ofDays(45));
        jdbc.sql("UPDATE mail_outbox SET sent_at = created_at WHERE id = ?")
                .param(oldSent)
                .update();
        writtenAgo(young, Duration.ofDays(30).minusMinutes(5));
        writtenAgo(systemMail, Duration.ofDays(31));

        assertThat(Jobs.runNow(tasks, "cleanup")).contains("old outbox mails");

        assertThat(mailer.find(old)).isEmpty();
        assertThat(mailer.find(oldSent)).isEmpty();
        assertThat(mailer.find(systemMail)).as("a mail of no realm goes too").isEmpty();
        assertThat(mailer.find(young)).isPresent();
    }

    private long send(TestRealm realm, String body) {
        return mailer.send(realm.id(), "person-" + UUID.randomUUID() + "@example.org", "Enverify", body);
    }

    private void writtenAgo(long mail, Duration age) {
        jdbc.sql("UPDATE mail_outbox SET created_at = ? WHERE id = ?")
                .params(Timestamp.from(clock.instant().minus(age)), mail)
                .update();
    }
}
