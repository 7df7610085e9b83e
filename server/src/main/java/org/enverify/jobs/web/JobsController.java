package org.enverify.jobs.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.enverify.jobs.JobsOverview;
import org.enverify.jobs.PeriodicTasks;
import org.enverify.platform.ListQuery;
import org.enverify.ui.SystemAdminOnly;
import org.enverify.ui.UiController;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The operator's view of the jobs: every periodic task with its schedule, runs and a "run now" button,
 * and the one-time jobs that failed for good, with their error and a retry button.
 */
@UiController
@SystemAdminOnly
class JobsController {

    private static final int FAILED_SHOWN = 100;

    private final JobsOverview overview;
    private final PeriodicTasks periodicTasks;

    JobsController(JobsOverview overview, PeriodicTasks periodicTasks) {
        this.overview = overview;
        this.periodicTasks = periodicTasks;
    }

    @GetMapping("/admin/jobs")
    String jobs(Model model) {
        model.addAttribute("periodic", overview.periodic());
        model.addAttribute(
                "failed",
                overview.failed(new ListQuery(1, FAILED_SHOWN, "failed_at", true))
                        .items());
        return "jobs/overview";
    }

    /** Runs the task in this process, under the cluster-wide lock; the page says what it did. */
    @PostMapping("/admin/jobs/{name}/run")
    String runNow(@PathVariable String name) throws Exception {
        if (periodicTasks.find(name).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        Optional<String> summary = periodicTasks.runNow(name);
        String outcome = summary.map(text -> "ran=" + encode(name) + "&summary=" + encode(text))
                .orElse("busy=" + encode(name));
        return "redirect:/admin/jobs?" + outcome;
    }

    @PostMapping("/admin/jobs/failed/retry")
    String retry(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String instance) {
        if (!overview.retry(name, instance)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/admin/jobs?retried=" + encode(name);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text.length() > 300 ? text.substring(0, 300) : text, StandardCharsets.UTF_8);
    }
}
