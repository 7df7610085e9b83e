package testsupport.jobs;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.enverify.jobs.OneTimeJob;
import org.enverify.jobs.PeriodicTask;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Jobs that report what they did to tables a test can read across processes. Added to a worker with
 * {@code spring.main.sources}, also in a separate JVM. It lives outside {@code org.enverify} so that
 * no other application context picks it up by scanning.
 */
@Configuration(proxyBeanMethods = false)
public class TestJobs {

    public static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS test_probe_runs (runner text, started_at timestamptz, ended_at timestamptz);
            CREATE TABLE IF NOT EXISTS test_job_attempts (job_key text, runner text, at timestamptz);
            CREATE TABLE IF NOT EXISTS test_job_effects (job_key text PRIMARY KEY, applied integer NOT NULL DEFAULT 1);
            """;

    /** The tables exist before any worker starts polling. */
    @Bean
    org.springframework.beans.factory.InitializingBean testJobTables(JdbcClient jdbc) {
        return () -> {
            jdbc.sql("SELECT pg_advisory_lock(4242)").query().singleRow();
            try {
                for (String statement : SCHEMA.split(";")) {
                    if (!statement.isBlank()) {
                        jdbc.sql(statement).update();
                    }
                }
            } finally {
                jdbc.sql("SELECT pg_advisory_unlock(4242)").query().singleRow();
            }
        };
    }

    /** A periodic task that takes a while, to see whether two workers ever run it at once. */
    @Bean
    PeriodicTask probeTask(JdbcClient jdbc, Clock clock) {
        return new PeriodicTask() {
            @Override
            public String name() {
                return "probe";
            }

            @Override
            public String defaultSchedule() {
                return "FIXED_DELAY|1s";
            }

            @Override
            public String run(Instant now) throws Exception {
                Instant started = Instant.ofEpochMilli(System.nanoTime() / 1_000_000);
                Timestamp start = Timestamp.from(clock.instant());
                Thread.sleep(300);
                jdbc.sql("INSERT INTO test_probe_runs VALUES (?, ?, ?)")
                        .params(runner(), start, Timestamp.from(clock.instant()))
                        .update();
                return "probed " + started;
            }
        };
    }

    public record Work(String key, int failuresBeforeSuccess) {}

    /**
     * Fails a given number of times, then applies its effect once, idempotently; stalls instead
     * while {@code ENVERIFY_TEST_STALL} is set, so a test can kill the worker mid-run.
     */
    @Bean
    public OneTimeJob<Work> flakyJob(JdbcClient jdbc, Clock clock) {
        return new OneTimeJob<>() {
            @Override
            public String name() {
                return "test-work";
            }

            @Override
            public Class<Work> dataType() {
                return Work.class;
            }

            @Override
            public void execute(Work work) throws Exception {
                jdbc.sql("INSERT INTO test_job_attempts VALUES (?, ?, ?)")
                        .params(work.key(), runner(), Timestamp.from(clock.instant()))
                        .update();
                if (System.getenv("ENVERIFY_TEST_STALL") != null) {
                    Thread.sleep(600_000);
                }
                long attempts = jdbc.sql("SELECT count(*) FROM test_job_attempts WHERE job_key = ?")
                        .param(work.key())
                        .query(Long.class)
                        .single();
                if (attempts <= work.failuresBeforeSuccess()) {
                    throw new IllegalStateException("planned failure " + attempts);
                }
                jdbc.sql("""
                        INSERT INTO test_job_effects (job_key) VALUES (?)
                        ON CONFLICT (job_key) DO UPDATE SET applied = test_job_effects.applied + 1""").param(work.key()).update();
            }

            @Override
            public int maxAttempts() {
                return 3;
            }

            @Override
            public java.time.Duration firstRetryDelay() {
                return java.time.Duration.ofMillis(500);
            }
        };
    }

    static String runner() {
        return ProcessHandle.current().pid() + "/" + System.identityHashCode(TestJobs.class);
    }
}
