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
import org.enverify.platform.ListQuery;
import org.enverify.platform.Listing;
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

    /** @param id how the management API names the failed job; its name and instance are db-scheduler's */
    public record FailedJobView(
            long id, String name, String instance, int attempts, String lastError, Instant failedAt) {}

    private static final String FAILED_COLUMNS = "id, task_name, task_instance, attempts, last_error, failed_at";

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

    /** A page of the failed jobs by {@code failed_at}, ties broken by the id in the same direction. */
    public Listing<FailedJobView> failed(ListQuery query) {
        if (!query.sort().equals("failed_at")) {
            throw new IllegalArgumentException("Failed jobs are not sorted by " + query.sort());
        }
        String direction = query.descending() ? " DESC" : " ASC";
        List<FailedJobView> page = jdbc.sql("SELECT " + FAILED_COLUMNS + " FROM failed_jobs ORDER BY failed_at"
                        + direction + ", id" + direction + " LIMIT ? OFFSET ?")
                .params(query.limit(), query.offset())
                .query(JobsOverview::failedJob)
                .list();
        long total =
                jdbc.sql("SELECT count(*) FROM failed_jobs").query(Long.class).single();
        return new Listing<>(page, total);
    }

    public Optional<FailedJobView> failedJob(long id) {
        return jdbc.sql("SELECT " + FAILED_COLUMNS + " FROM failed_jobs WHERE id = ?")
                .param(id)
                .query(JobsOverview::failedJob)
                .optional();
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

    private static FailedJobView failedJob(ResultSet row, int number) throws SQLException {
        return new FailedJobView(
                row.getLong("id"),
                row.getString("task_name"),
                row.getString("task_instance"),
                row.getInt("attempts"),
                row.getString("last_error"),
                instant(row, "failed_at"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
