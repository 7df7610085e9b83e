package org.enverify.jobs;

import java.time.Duration;

/**
 * A kind of work enqueued in the transaction that needs it (see {@link JobQueue}) and executed once by
 * a worker, retried with exponential backoff on failure and recorded as failed after its last attempt.
 * Execution must be idempotent: a worker that dies mid-run leaves the job to another, which runs it again.
 *
 * @param <T> the job's data: a record that carries the realm it works in, serialized as JSON
 */
public interface OneTimeJob<T> {

    /** One lower-case word or dash-joined words, unique among jobs. */
    String name();

    Class<T> dataType();

    void execute(T data) throws Exception;

    /** How many attempts before the job is recorded as failed. */
    default int maxAttempts() {
        return 10;
    }

    /** The wait before the second attempt; each further wait doubles. */
    default Duration firstRetryDelay() {
        return Duration.ofSeconds(30);
    }
}
