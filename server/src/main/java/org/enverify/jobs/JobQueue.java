package org.enverify.jobs;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * Enqueues one-time jobs from any role. Enqueuing joins the caller's transaction: if the change that
 * needs the job rolls back, so does the job; once it commits, the job survives any crash.
 */
@Component
public class JobQueue {

    private final SchedulerClient client;
    private final Clock clock;

    JobQueue(SchedulerClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /**
     * @param id identifies this piece of work within the job, so enqueuing the same work twice runs it once
     * @return false when a job with this id is already waiting
     */
    public <T> boolean enqueue(OneTimeJob<T> job, String id, T data) {
        return client.scheduleIfNotExists(new TaskInstance<>(job.name(), id, data), clock.instant());
    }
}
