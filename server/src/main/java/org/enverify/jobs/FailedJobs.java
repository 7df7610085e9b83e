package org.enverify.jobs;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** One-time jobs that used up their attempts, kept with their last error until an operator acts. */
@Component
class FailedJobs {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final JsonTaskSerializer serializer = new JsonTaskSerializer();

    FailedJobs(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void record(ExecutionComplete complete) {
        var execution = complete.getExecution();
        String error = complete.getCause().map(Throwable::getMessage).orElse("unknown error");
        jdbc.sql("""
                INSERT INTO failed_jobs (task_name, task_instance, task_data, attempts, last_error, failed_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (task_name, task_instance) DO UPDATE SET task_data = excluded.task_data,
                    attempts = excluded.attempts, last_error = excluded.last_error, failed_at = excluded.failed_at""")
                .params(
                        execution.taskInstance.getTaskName(),
                        execution.taskInstance.getId(),
                        serializer.serialize(execution.taskInstance.getData()),
                        execution.consecutiveFailures + 1,
                        error == null ? "unknown error" : error.substring(0, Math.min(error.length(), 2000)),
                        Timestamp.from(clock.instant()))
                .update();
    }
}
