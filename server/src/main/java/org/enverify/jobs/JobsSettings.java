package org.enverify.jobs;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The job platform.
 *
 * @param jobs per periodic task, by name: {@code ENVERIFY_JOBS_<NAME>_SCHEDULE} (db-scheduler schedule text or
 *     a cron expression) and {@code ENVERIFY_JOBS_<NAME>_ENABLED}
 * @param internalToken the bearer token {@code /internal/**} requires ({@code ENVERIFY_INTERNAL_TOKEN}); the
 *     routes are refused while it is unset
 * @param workerThreads how many jobs one worker runs at once
 * @param workerHeartbeat how often a worker proves it is alive; a job held by a worker silent for six
 *     heartbeats is taken over by another
 */
@ConfigurationProperties("enverify")
public record JobsSettings(
        @DefaultValue Map<String, TaskSettings> jobs,
        @DefaultValue("") String internalToken,
        @DefaultValue("4") int workerThreads,
        @DefaultValue("30s") Duration workerHeartbeat) {

    /** @param schedule overrides the task's default; @param enabled false keeps the task from being scheduled */
    public record TaskSettings(
            String schedule, @DefaultValue("true") boolean enabled) {}

    TaskSettings of(String task) {
        return jobs.getOrDefault(task, new TaskSettings(null, true));
    }
}
