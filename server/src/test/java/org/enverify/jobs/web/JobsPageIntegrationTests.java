package org.enverify.jobs.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.Map;
import java.util.UUID;
import org.enverify.account.Users;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.TestUsers;
import org.enverify.support.UiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The operator's view of the jobs: periodic tasks run on demand, failed jobs go back to the queue. */
@EnverifyIntegrationTest
class JobsPageIntegrationTests {

    @Autowired
    Users users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    UiClient admin;

    @BeforeEach
    void setUp(UiClient admin) {
        this.admin = admin;
        admin.signIn(TestUsers.systemAdmin(users).email(), TestUsers.PASSWORD);
    }

    @Test
    void everyPeriodicTaskIsListedAndRunsOnDemand() {
        UiClient.Page page = admin.get("/admin/jobs");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body())
                .contains("<code>cleanup</code>")
                .contains("<code>rotation</code>")
                .contains("Run now");
        UiClient.Page ran = admin.post("/admin/jobs/cleanup/run", Map.of());
        assertThat(ran.location()).contains("ran=cleanup");
        assertThat(admin.post("/admin/jobs/no-such-task/run", Map.of()).status())
                .isEqualTo(404);
    }

    @Test
    void aFailedJobIsQueuedAgainWithItsData() {
        String instance = "retry-" + UUID.randomUUID();
        jdbc.sql("INSERT INTO failed_jobs (task_name, task_instance, task_data, attempts, last_error, failed_at)"
                        + " VALUES ('mail-delivery', ?, ?, 10, 'SMTP refused', ?)")
                .params(
                        instance,
                        "{\"mailId\":999999}".getBytes(StandardCharsets.UTF_8),
                        Timestamp.from(clock.instant()))
                .update();
        assertThat(admin.get("/admin/jobs").body()).contains(instance).contains("SMTP refused");
        UiClient.Page retried =
                admin.post("/admin/jobs/failed/retry", Map.of("name", "mail-delivery", "instance", instance));
        assertThat(retried.location()).contains("retried=mail-delivery");
        assertThat(jdbc.sql("SELECT count(*) FROM failed_jobs WHERE task_instance = ?")
                        .param(instance)
                        .query(Long.class)
                        .single())
                .isZero();
        admin.get("/admin/jobs");
        assertThat(admin.post("/admin/jobs/failed/retry", Map.of("name", "mail-delivery", "instance", instance))
                        .status())
                .isEqualTo(404);
    }
}
