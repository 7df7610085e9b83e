package org.enverify.jobs;

import java.util.Optional;

/** Runs a periodic task now from a test, waiting out a scheduled run of it that holds the lock. */
public final class Jobs {

    private Jobs() {}

    public static String runNow(PeriodicTasks tasks, String name) throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            Optional<String> summary = tasks.runNow(name);
            if (summary.isPresent()) {
                return summary.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("job " + name + " stayed locked");
    }
}
