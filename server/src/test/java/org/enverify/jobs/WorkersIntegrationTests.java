package org.enverify.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.enverify.EnverifyApplication;
import org.enverify.platform.EnverifySettings;
import org.enverify.support.EnverifyProcess;
import org.enverify.support.Waiting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import testsupport.jobs.TestJobs;

/** Several workers on one database: each period runs once, and a dead worker's job is finished by another. */
class WorkersIntegrationTests {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start(String roles, Map<String, Object> extra) {
        var properties = new HashMap<String, Object>(Map.of(
                "enverify.roles", roles,
                "enverify.data-dir", dataDir.toString(),
                "enverify.worker-heartbeat", "1s",
                "enverify.jobs.cleanup.enabled", "false",
                "enverify.jobs.rotation.enabled", "false"));
        properties.putAll(extra);
        return new SpringApplicationBuilder(EnverifyApplication.class, TestJobs.class)
                .properties(properties)
                .run("--server.port=0", "--management.server.port=0");
    }

    private static JdbcClient jdbc(ConfigurableApplicationContext context) {
        return context.getBean(JdbcClient.class);
    }

    @Test
    void twoWorkersRunEachPeriodOnceAndNeverAtTheSameTime() throws Exception {
        try (var first = start("worker", Map.of());
                var second = start("worker", Map.of())) {
            JdbcClient jdbc = jdbc(first);
            Waiting.until("six runs", Duration.ofSeconds(60), () -> runs(jdbc).size() >= 6);
            List<Timestamp[]> runs = runs(jdbc);
            for (int i = 1; i < runs.size(); i++) {
                assertThat(runs.get(i)[0])
                        .as("run %d starts after run %d ended", i, i - 1)
                        .isAfterOrEqualTo(runs.get(i - 1)[1]);
            }
            long runners = jdbc.sql("SELECT count(DISTINCT runner) FROM test_probe_runs")
                    .query(Long.class)
                    .single();
            assertThat(runners).as("both workers took part").isBetween(1L, 2L);
        }
    }

    @Test
    void aJobIsRetriedWithBackoffAndRecordedAsFailedAfterItsLastAttempt() throws Exception {
        try (var worker = start("worker", Map.of())) {
            JdbcClient jdbc = jdbc(worker);
            JobQueue queue = worker.getBean(JobQueue.class);
            @SuppressWarnings("unchecked")
            OneTimeJob<TestJobs.Work> job = (OneTimeJob<TestJobs.Work>) worker.getBean("flakyJob");
            TransactionTemplate transactions = worker.getBean(TransactionTemplate.class);

            transactions.executeWithoutResult(
                    status -> queue.enqueue(job, "recovers", new TestJobs.Work("recovers", 2)));
            transactions.executeWithoutResult(
                    status -> queue.enqueue(job, "gives-up", new TestJobs.Work("gives-up", 99)));
            transactions.executeWithoutResult(status -> {
                queue.enqueue(job, "rolled-back", new TestJobs.Work("rolled-back", 0));
                status.setRollbackOnly();
            });

            Waiting.until("the retried job's effect", Duration.ofSeconds(60), () -> effects(jdbc, "recovers") == 1);
            assertThat(attempts(jdbc, "recovers")).isEqualTo(3);
            Waiting.until("three failed attempts", Duration.ofSeconds(60), () -> failedAttempts(jdbc, "gives-up") == 3);
            assertThat(attempts(jdbc, "gives-up")).isEqualTo(3);
            assertThat(effects(jdbc, "gives-up")).isZero();
            assertThat(attempts(jdbc, "rolled-back"))
                    .as("a job enqueued in a rolled-back transaction never runs")
                    .isZero();
        }
    }

    @Test
    void aJobHeldByAWorkerThatDiesIsFinishedByAnotherExactlyOnce() throws Exception {
        try (var owner = start("ui", Map.of())) {
            JdbcClient jdbc = jdbc(owner);
            String dataDirectory = owner.getBean(EnverifySettings.class)
                    .dataDir()
                    .toAbsolutePath()
                    .toString();
            try (EnverifyProcess dying = EnverifyProcess.start(
                    Map.of(
                            "ENVERIFY_DATA_DIR", dataDirectory,
                            "ENVERIFY_ROLES", "worker",
                            "ENVERIFY_PORT", "0",
                            "ENVERIFY_WORKER_HEARTBEAT", "1s",
                            "ENVERIFY_JOBS_CLEANUP_ENABLED", "false",
                            "ENVERIFY_JOBS_ROTATION_ENABLED", "false",
                            "ENVERIFY_TEST_STALL", "yes"),
                    "--spring.main.sources=" + TestJobs.class.getName())) {
                @SuppressWarnings("unchecked")
                OneTimeJob<TestJobs.Work> job = (OneTimeJob<TestJobs.Work>) owner.getBean("flakyJob");
                owner.getBean(TransactionTemplate.class)
                        .executeWithoutResult(status -> owner.getBean(JobQueue.class)
                                .enqueue(job, "survives", new TestJobs.Work("survives", 0)));
                Waiting.until("the first attempt", Duration.ofMinutes(4), () -> attempts(jdbc, "survives") == 1);
                dying.kill();
            }
            try (var rescuer = start("worker", Map.of())) {
                Waiting.until(
                        "the surviving job's effect", Duration.ofSeconds(90), () -> effects(jdbc, "survives") == 1);
                assertThat(attempts(jdbc, "survives")).isEqualTo(2);
                assertThat(jdbc.sql("SELECT count(DISTINCT runner) FROM test_job_attempts WHERE job_key = 'survives'")
                                .query(Long.class)
                                .single())
                        .isEqualTo(2);
            }
        }
    }

    private static List<Timestamp[]> runs(JdbcClient jdbc) {
        return jdbc.sql("SELECT started_at, ended_at FROM test_probe_runs ORDER BY started_at")
                .query((rs, row) -> new Timestamp[] {rs.getTimestamp(1), rs.getTimestamp(2)})
                .list();
    }

    private static long attempts(JdbcClient jdbc, String key) {
        return jdbc.sql("SELECT count(*) FROM test_job_attempts WHERE job_key = ?")
                .param(key)
                .query(Long.class)
                .single();
    }

    private static long effects(JdbcClient jdbc, String key) {
        return jdbc.sql("SELECT coalesce(sum(applied), 0) FROM test_job_effects WHERE job_key = ?")
                .param(key)
                .query(Long.class)
                .single();
    }

    private static long failedAttempts(JdbcClient jdbc, String key) {
        return jdbc.sql(
                        "SELECT coalesce(max(attempts), 0) FROM failed_jobs WHERE task_name = 'test-work' AND task_instance = ?")
                .param(key)
                .query(Long.class)
                .single();
    }
}
