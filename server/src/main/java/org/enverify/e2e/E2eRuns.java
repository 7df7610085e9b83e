package org.enverify.e2e;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import org.enverify.events.EventType;
import org.enverify.events.Events;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outcome of each flow's run: a row in {@code e2e_runs}, the counter {@code enverify.e2e.runs{flow,outcome}},
 * and for a failure an {@code e2e.failed} event in the test's realm.
 */
@Component
class E2eRuns {

    private static final Logger log = LoggerFactory.getLogger(E2eRuns.class);

    private final E2eSettings settings;
    private final JdbcClient jdbc;
    private final MeterRegistry meters;
    private final E2eTestRealm testRealm;
    private final Events events;
    private final TransactionTemplate transactions;

    E2eRuns(
            E2eSettings settings,
            JdbcClient jdbc,
            MeterRegistry meters,
            E2eTestRealm testRealm,
            Events events,
            TransactionTemplate transactions) {
        this.settings = settings;
        this.jdbc = jdbc;
        this.meters = meters;
        this.testRealm = testRealm;
        this.events = events;
        this.transactions = transactions;
    }

    void passed(E2eFlow flow, Instant startedAt) {
        record(flow, startedAt, null, null);
        outcome(flow, "success").increment();
    }

    void failed(E2eFlow flow, Instant startedAt, StepFailed failure) {
        record(flow, startedAt, failure.step, failure.getMessage());
        testRealm
                .find()
                .ifPresent(realm -> transactions.executeWithoutResult(status ->
                        events.record(realm, EventType.E2E_FAILED, Map.of("flow", flow.label, "step", failure.step))));
        outcome(flow, "failure").increment();
        log.warn("End-to-end {} flow failed at {}: {}", flow.label, failure.step, failure.getMessage());
    }

    private void record(E2eFlow flow, Instant startedAt, String failedStep, String message) {
        jdbc.sql("INSERT INTO e2e_runs (flow, started_at, succeeded, failed_step, message) VALUES (?, ?, ?, ?, ?)")
                .params(flow.label, Timestamp.from(startedAt), failedStep == null, failedStep, message)
                .update();
    }

    private Counter outcome(E2eFlow flow, String outcome) {
        return Counter.builder("enverify.e2e.runs")
                .description("End-to-end self-test runs by flow and outcome")
                .tag("flow", flow.label)
                .tag("outcome", outcome)
                .register(meters);
    }
}
