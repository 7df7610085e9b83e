package org.enverify.e2e;

import java.time.Instant;
import org.enverify.jobs.PeriodicTask;

/** One flow of the self-test as a periodic task: each run walks the flow once and records how it went. */
abstract class E2eTask implements PeriodicTask {

    private final E2eFlow flow;
    private final E2eRuns runs;

    E2eTask(E2eFlow flow, E2eRuns runs) {
        this.flow = flow;
        this.runs = runs;
    }

    @Override
    public final String name() {
        return flow.taskName;
    }

    @Override
    public String defaultSchedule() {
        return "FIXED_DELAY|PT15M";
    }

    @Override
    public final String run(Instant now) {
        try {
            String steps = walk(now);
            runs.passed(flow, now);
            return "passed: " + steps;
        } catch (StepFailed e) {
            runs.failed(flow, now, e);
            throw new IllegalStateException("failed at " + e.step + ": " + e.getMessage());
        }
    }

    /**
     * @return the steps walked, comma-separated
     * @throws StepFailed at the first step that did not give what the protocol promises
     */
    abstract String walk(Instant now);
}
