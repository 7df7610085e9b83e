package org.enverify.jobs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs a periodic task once, whoever asked (the scheduler or an operator), under a cluster-wide lock
 * so two runs of one task never overlap, and counts it: {@code enverify.jobs.runs{job,outcome}},
 * {@code enverify.jobs.duration{job}}, {@code enverify.jobs.last.success{job}} (Unix seconds).
 */
@Component
class JobRuns {

    private static final Logger log = LoggerFactory.getLogger(JobRuns.class);

    private final DataSource dataSource;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();

    JobRuns(DataSource dataSource, Clock clock, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.meters = meters;
    }

    /** @return the task's summary, or empty when another run of it holds the lock */
    Optional<String> run(PeriodicTask task) throws Exception {
        try (JobLock lock = JobLock.tryAcquire(dataSource, task.name())) {
            if (lock == null) {
                log.info("Job {} is already running elsewhere; this run is skipped", task.name());
                return Optional.empty();
            }
            Timer.Sample sample = Timer.start(meters);
            try {
                String summary = task.run(clock.instant());
                outcome(task, "success").increment();
                lastSuccess
                        .computeIfAbsent(task.name(), this::lastSuccessGauge)
                        .set(clock.instant().getEpochSecond());
                log.info("Job {} done: {}", task.name(), summary);
                return Optional.of(summary);
            } catch (Exception | Error e) {
                outcome(task, "failure").increment();
                log.error("Job {} failed", task.name(), e);
                throw e;
            } finally {
                sample.stop(Timer.builder("enverify.jobs.duration")
                        .tag("job", task.name())
                        .register(meters));
            }
        }
    }

    private Counter outcome(PeriodicTask task, String outcome) {
        return Counter.builder("enverify.jobs.runs")
                .description("Runs of periodic jobs by outcome")
                .tag("job", task.name())
                .tag("outcome", outcome)
                .register(meters);
    }

    private AtomicLong lastSuccessGauge(String job) {
        AtomicLong value = new AtomicLong();
        meters.gauge("enverify.jobs.last.success", List.of(Tag.of("job", job)), value);
        return value;
    }
}
