package org.enverify.jobs;

import java.util.Optional;
import org.springframework.stereotype.Component;

/** The periodic tasks of this installation, for operators: find one and run it now. */
@Component
public class PeriodicTasks {

    private final JobTasks tasks;
    private final JobRuns runs;

    PeriodicTasks(JobTasks tasks, JobRuns runs) {
        this.tasks = tasks;
        this.runs = runs;
    }

    public Optional<PeriodicTask> find(String name) {
        return tasks.periodic(name);
    }

    /**
     * Runs the task in this process now, under the same cluster-wide lock as scheduled runs.
     *
     * @return its summary, or empty when a run of it is already under way somewhere
     */
    public Optional<String> runNow(String name) throws Exception {
        return runs.run(find(name).orElseThrow(() -> new IllegalArgumentException("No job named " + name)));
    }
}
