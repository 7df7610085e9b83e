package org.enverify.jobs.api;

import java.time.Instant;
import java.util.List;
import org.enverify.jobs.JobsOverview;
import org.enverify.jobs.PeriodicTasks;
import org.enverify.management.api.Envelope;
import org.enverify.management.api.Paging;
import org.enverify.management.api.SystemCaller;
import org.enverify.platform.ListQuery;
import org.enverify.platform.api.ApiException;
import org.enverify.platform.api.ErrorCode;
import org.enverify.platform.api.ManagementApi;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The jobs for the operator's tokens ({@code enverify:system}), as the jobs page shows them and through its
 * operations: the periodic tasks with their schedule and runs, run now (in this process, under the cluster-wide
 * lock of scheduled runs), and the one-time jobs that failed for good, queued again with their data.
 */
@RestController
@ManagementApi
class JobsApiController {

    private final JobsOverview overview;
    private final PeriodicTasks periodicTasks;

    JobsApiController(JobsOverview overview, PeriodicTasks periodicTasks) {
        this.overview = overview;
        this.periodicTasks = periodicTasks;
    }

    /**
     * A periodic task; its times are absent until the scheduler ran or planned it.
     *
     * @param enabled whether the scheduler runs it ({@code ENVERIFY_JOBS_<NAME>_ENABLED})
     * @param running whether a worker runs it right now
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PeriodicTaskView(
            String name,
            String schedule,
            boolean enabled,
            boolean running,
            Instant nextRun,
            Instant lastSuccess,
            Instant lastFailure,
            int consecutiveFailures) {

        static PeriodicTaskView of(JobsOverview.PeriodicTaskView task) {
            return new PeriodicTaskView(
                    task.name(),
                    task.schedule(),
                    task.enabled(),
                    task.running(),
                    task.nextRun(),
                    task.lastSuccess(),
                    task.lastFailure(),
                    task.consecutiveFailures());
        }
    }

    /** A one-time job that used up its attempts: its kind ({@code name}), its piece of work and its last error. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record FailedJobView(String id, String name, String instance, int attempts, String lastError, Instant failedAt) {

        static FailedJobView of(JobsOverview.FailedJobView job) {
            return new FailedJobView(
                    Long.toString(job.id()),
                    job.name(),
                    job.instance(),
                    job.attempts(),
                    job.lastError(),
                    job.failedAt());
        }
    }

    /** What a run did, as the task tells it. */
    record RunView(String name, String summary) {}

    @GetMapping("/api/v1/jobs")
    Envelope<List<PeriodicTaskView>> periodic(
            SystemCaller caller, @Paging(sorts = "name", descending = false) ListQuery query) {
        List<JobsOverview.PeriodicTaskView> byName = overview.periodic();
        return Envelope.page(query.descending() ? byName.reversed() : byName, query, PeriodicTaskView::of);
    }

    @GetMapping("/api/v1/jobs/failed")
    Envelope<List<FailedJobView>> failed(SystemCaller caller, @Paging(sorts = "failed_at") ListQuery query) {
        return Envelope.page(overview.failed(query), query, FailedJobView::of);
    }

    /** Runs the task now and answers once it is done; a run already under way elsewhere is 409. */
    @PostMapping("/api/v1/jobs/{name}/run")
    Envelope<RunView> runNow(SystemCaller caller, @PathVariable String name) throws Exception {
        if (periodicTasks.find(name).isEmpty()) {
            throw notFound();
        }
        String summary = periodicTasks
                .runNow(name)
                .orElseThrow(() -> new ApiException(
                        HttpStatus.CONFLICT, ErrorCode.JOB_RUNNING, "a run of " + name + " is under way; try later"));
        return Envelope.of(new RunView(name, summary));
    }

    /** Queues the failed job again with its data, for a fresh set of attempts; it leaves the failed list. */
    @PostMapping("/api/v1/jobs/{id}/retry")
    ResponseEntity<Envelope<FailedJobView>> retry(SystemCaller caller, @PathVariable long id) {
        JobsOverview.FailedJobView job = overview.failedJob(id).orElseThrow(JobsApiController::notFound);
        if (!overview.retry(job.name(), job.instance())) {
            throw notFound();
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Envelope.of(FailedJobView.of(job)));
    }

    private static ApiException notFound() {
        return new ApiException(HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND, "not found");
    }
}
