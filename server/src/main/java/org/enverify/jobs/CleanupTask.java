package org.enverify.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Runs every feature's {@link CleanupStep}. Steps are independent: one that fails is reported and
 * the others still run; the task fails afterwards so the failure is counted and retried next period.
 */
@Component
class CleanupTask implements PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(CleanupTask.class);

    private final ObjectProvider<CleanupStep> steps;

    CleanupTask(ObjectProvider<CleanupStep> steps) {
        this.steps = steps;
    }

    @Override
    public String name() {
        return "cleanup";
    }

    @Override
    public String defaultSchedule() {
        return "FIXED_DELAY|PT5M";
    }

    @Override
    public String run(Instant now) {
        List<String> done = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        steps.orderedStream().forEach(step -> {
            try {
                done.add(step.name() + ": " + step.clean(now));
            } catch (RuntimeException e) {
                log.error("Cleanup of {} failed", step.name(), e);
                failed.add(step.name());
            }
        });
        if (!failed.isEmpty()) {
            throw new IllegalStateException("Cleanup failed for " + String.join(", ", failed) + "; done: " + done);
        }
        return String.join(", ", done);
    }
}
