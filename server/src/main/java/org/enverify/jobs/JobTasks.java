package org.enverify.jobs;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The db-scheduler tasks made from the features' periodic tasks and one-time jobs, with their settings. */
final class JobTasks {

    private final Map<String, PeriodicTask> periodic = new LinkedHashMap<>();
    private final Map<String, String> schedules = new LinkedHashMap<>();
    private final Map<String, OneTimeJob<?>> jobsByName = new LinkedHashMap<>();
    private final List<RecurringTask<Void>> recurring = new ArrayList<>();
    private final List<OneTimeTask<?>> oneTime = new ArrayList<>();

    JobTasks(
            List<PeriodicTask> periodicTasks,
            List<OneTimeJob<?>> jobs,
            JobsSettings settings,
            JobRuns runs,
            FailedJobs failed) {
        for (PeriodicTask task : periodicTasks) {
            if (periodic.put(task.name(), task) != null) {
                throw new IllegalStateException("Two periodic tasks are named " + task.name());
            }
            JobsSettings.TaskSettings taskSettings = settings.of(task.name());
            schedules.put(task.name(), scheduleText(task, taskSettings));
            if (taskSettings.enabled()) {
                recurring.add(Tasks.recurring(task.name(), schedule(task, taskSettings))
                        .execute((instance, context) -> runOrFail(runs, task)));
            }
        }
        for (OneTimeJob<?> job : jobs) {
            oneTime.add(oneTimeTask(job, failed));
            jobsByName.put(job.name(), job);
        }
    }

    private static <T> OneTimeTask<T> oneTimeTask(OneTimeJob<T> job, FailedJobs failed) {
        FailureHandler<T> backoff = new FailureHandler.ExponentialBackoffFailureHandler<>(job.firstRetryDelay(), 2.0);
        return Tasks.oneTime(job.name(), job.dataType())
                .onFailure(new FailureHandler.MaxRetriesFailureHandler<>(
                        job.maxAttempts() - 1, backoff, (complete, operations) -> failed.record(complete)))
                .execute((instance, context) -> {
                    try {
                        job.execute(instance.getData());
                    } catch (RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new JobFailedException(job.name(), e);
                    }
                });
    }

    private static String scheduleText(PeriodicTask task, JobsSettings.TaskSettings settings) {
        return settings.schedule() == null || settings.schedule().isBlank()
                ? task.defaultSchedule()
                : settings.schedule();
    }

    private static Schedule schedule(PeriodicTask task, JobsSettings.TaskSettings settings) {
        String text = scheduleText(task, settings);
        try {
            if (text.startsWith("FIXED_DELAY|P")) {
                return Schedules.fixedDelay(Duration.parse(text.substring("FIXED_DELAY|".length())));
            }
            return text.contains("|") ? Schedules.parseSchedule(text) : Schedules.cron(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "ENVERIFY_JOBS_" + task.name().toUpperCase(Locale.ROOT) + "_SCHEDULE '" + text
                            + "' is neither a schedule like FIXED_DELAY|PT5M or DAILY|04:00 nor a cron expression",
                    e);
        }
    }

    private static void runOrFail(JobRuns runs, PeriodicTask task) {
        try {
            runs.run(task);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new JobFailedException(task.name(), e);
        }
    }

    List<Task<?>> all() {
        List<Task<?>> all = new ArrayList<>(recurring);
        all.addAll(oneTime);
        return all;
    }

    List<Task<?>> oneTime() {
        return List.copyOf(oneTime);
    }

    List<RecurringTask<Void>> recurring() {
        return List.copyOf(recurring);
    }

    Optional<PeriodicTask> periodic(String name) {
        return Optional.ofNullable(periodic.get(name));
    }

    /** Every periodic task's name with its schedule text, enabled or not. */
    Map<String, String> schedules() {
        return Map.copyOf(schedules);
    }

    boolean isScheduled(String name) {
        return recurring.stream().anyMatch(task -> task.getName().equals(name));
    }

    Optional<OneTimeJob<?>> oneTimeJob(String name) {
        return Optional.ofNullable(jobsByName.get(name));
    }

    /** A job's checked failure, carried through db-scheduler's unchecked execution handler. */
    static final class JobFailedException extends RuntimeException {

        JobFailedException(String job, Exception cause) {
            super("Job " + job + " failed: " + cause.getMessage(), cause);
        }
    }
}
