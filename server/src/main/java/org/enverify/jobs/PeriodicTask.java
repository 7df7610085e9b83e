package org.enverify.jobs;

import java.time.Instant;

/**
 * Work a feature wants done on a schedule. The worker role runs each task once per period across
 * the whole cluster, however many workers run; {@code POST /internal/jobs/{name}} runs it now.
 * A run must be idempotent: a second run for the same moment changes nothing the first did not.
 */
public interface PeriodicTask {

    /** One lower-case word, used in {@code ENVERIFY_JOBS_<NAME>_SCHEDULE} and {@code /internal/jobs/<name>}. */
    String name();

    /**
     * db-scheduler schedule text, such as {@code FIXED_DELAY|300s}, {@code FIXED_DELAY|PT5M} or
     * {@code DAILY|04:00}; a six-field cron expression ({@code 0 0 * * * *}) works too.
     */
    String defaultSchedule();

    /**
     * @param now the time the run is for, from the clock bean
     * @return a short account of what was done, for the operator's view and the logs; never secrets
     */
    String run(Instant now) throws Exception;
}
