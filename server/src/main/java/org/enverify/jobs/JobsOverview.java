package org.enverify.jobs;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The operator's view of the jobs: each periodic task with its schedule, next run and last outcomes
 * (from db-scheduler's table, so every worker's runs count), and the one-time jobs that used up their
 * attempts, which an operator can send back to the queue.
 */
@Component
public class JobsOverview {

    /** A periodic task; times are empty until the scheduler ran or planned it. */
    public record PeriodicTaskView(
            String name,
            String schedule,
            boolean enabled,
            Instant nextRun,
            Instant lastSuccess,
            Instant lastFailure,
            int consecutiveFailures,
            boolean running) {}

    public record FailedJobView(String name, String instance, int attempts, String lastError, Instant failedAt) {}

    private final JobTasks tasks;
    private final JdbcClient jdbc;
    private final SchedulerClient scheduler;
    private final Clock clock;
    private final JsonTaskSerializer serializer = new JsonTaskSerializer();

    JobsOverview(JobTasks tasks, JdbcClient jdbc, SchedulerClient scheduler, Clock clock) {
        this.tasks = tasks;
        this.jdbc = jdbc;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    public List<PeriodicTaskView> periodic() {
        return tasks.schedules().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(task -> jdbc.sql("SELECT execution_time, last_success, last_failure, consecutive_failures, picked"
                                + " FROM scheduled_tasks WHERE task_name = ? ORDER BY execution_time LIMIT 1")
                        .param(task.getKey())
                        .query((row, number) -> new PeriodicTaskView(
                                task.getKey(),
                                task.getValue(),
                                tasks.isScheduled(task.getKey()),
                                instant(row, "execution_time"),
                                instant(row, "last_success"),
                                instant(row, "last_failure"),
                                row.getInt("consecutive_failures"),
                                row.getBoolean("picked")))
                        .optional()
                        .orElse(new PeriodicTaskView(
                                task.getKey(),
                                task.getValue(),
                                tasks.isScheduled(task.getKey()),
                                null,
                                null,
                                null,
                                0,
                                false)))
                .toList();
    }

    public List<FailedJobView> failed(int limit) {
        return jdbc.sql("SELECT task_name, task_instance, attempts, last_error, failed_at FROM failed_jobs"
                        + " ORDER BY failed_at DESC LIMIT ?")
                .param(limit)
                .query((row, number) -> new FailedJobView(
                        row.getString("task_name"),
                        row.getString("task_instance"),
                        row.getInt("attempts"),
                        row.getString("last_error"),
                        instant(row, "failed_at")))
                .list();
    }

    /**
     * Queues a failed job again with its data, for a fresh set of attempts.
     *
     * @return false when there is no such failed job (any more), or its kind of job no longer exists
     */
    @Transactional
    public boolean retry(String name, String instance) {
        Optional<byte[]> data = jdbc.sql(
                        "SELECT task_data FROM failed_jobs WHERE task_name = ? AND task_instance = ?" + " FOR UPDATE")
                .params(name, instance)
                .query((row, number) -> row.getBytes("task_data"))
                .optional();
        Optional<OneTimeJob<?>> job = tasks.oneTimeJob(name);
        if (data.isEmpty() || job.isEmpty()) {
            return false;
        }
        schedule(job.get(), instance, data.get());
        jdbc.sql("DELETE FROM failed_jobs WHERE task_name = ? AND task_instance = ?")
                .params(name, instance)
                .update();
        return true;
    }

    private <T> void schedule(OneTimeJob<T> job, String instance, byte[] data) {
        T payload = serializer.deserialize(job.dataType(), data);
        scheduler.scheduleIfNotExists(new TaskInstance<>(job.name(), instance, payload), clock.instant());
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
