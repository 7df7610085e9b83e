package org.enverify.jobs;

import java.time.Instant;

/** One rule of the cleanup task: deletes or recycles what a feature no longer needs. */
public interface CleanupStep {

    /** What it cleans, for the task's summary, e.g. {@code expired tokens}. */
    String name();

    /** @return how many rows it changed */
    long clean(Instant now);
}
