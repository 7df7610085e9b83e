package org.enverify.jobs.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enverify.support.ManagementErrors.assertError;
import static org.enverify.support.OAuthRealm.bearer;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.enverify.apikey.ApiKeys;
import org.enverify.realm.Realms;
import org.enverify.support.ApiClient;
import org.enverify.support.ManagementApiIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.OAuthRealm;
import org.enverify.support.TestIdentityProvider;
import org.enverify.support.Waiting;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The jobs through the management API, for the operator's system tokens: list, run now, retry. */
@ManagementApiIntegrationTest
class JobsApiIntegrationTests {

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    private ApiClient api;
    private MutableClock clock;

    @BeforeEach
    void setUp(ApiClient api, MutableClock clock) {
        this.api = api;
        this.clock = clock;
    }

    private ApiClient.Response operator(String method, String path) {
        return api.request(method, path, bearer(OAuthRealm.operatorToken(clock)), null);
    }

    private static List<String> names(ApiClient.Response response) {
        List<String> names = new ArrayList<>();
        response.json().path("data").forEach(task -> names.add(task.path("name").asString()));
        return names;
    }

    private String failedJob(String instance, Duration ago, String error) {
        jdbc.sql("INSERT INTO failed_jobs (task_name, task_instance, task_data, attempts, last_error, failed_at)"
                        + " VALUES ('mail-delivery', ?, ?, 10, ?, ?)")
                .params(
                        instance,
                        "{\"mailId\":999999}".getBytes(StandardCharsets.UTF_8),
                        error,
                        Timestamp.from(clock.instant().minus(ago)))
                .update();
        return jdbc.sql("SELECT id FROM failed_jobs WHERE task_name = 'mail-delivery' AND task_instance = ?")
                .param(instance)
                .query(Long.class)
                .single()
                .toString();
    }

    @Test
    void onlyTheOperatorsSystemTokenReachesTheJobs() {
        ApiClient.Response listed = operator("GET", "/api/v1/jobs");

        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(names(listed)).contains("cleanup", "rotation").isSorted();
        JsonNode cleanup = listed.json()
                .path("data")
                .valueStream()
                .filter(task -> task.path("name").asString().equals("cleanup"))
                .findFirst()
                .orElseThrow();
        assertThat(cleanup.path("schedule").asString()).isEqualTo("FIXED_DELAY|PT5M");
        assertThat(cleanup.path("enabled").asBoolean()).isTrue();
        assertThat(names(operator("GET", "/api/v1/jobs?sort=-name"))).isSortedAccordingTo((a, b) -> b.compareTo(a));

        String withoutSystem = TestIdentityProvider.get()
                .tenant(TestIdentityProvider.OPERATOR)
                .token(clock.instant(), TestIdentityProvider.OPERATOR_AUDIENCE, "ops-robot", "enverify:SettingsWrite");
        assertError(
                api.request("POST", "/api/v1/jobs/cleanup/run", bearer(withoutSystem), null),
                403,
                "insufficient_scope",
                null);
        OAuthRealm realm = OAuthRealm.create(realms, apiKeys, clock);
        assertError(
                api.request("GET", "/api/v1/jobs/failed", bearer(realm.token("SettingsWrite")), null),
                401,
                "unauthorized",
                null);
    }

    @Test
    void aPeriodicTaskRunsNowAndOneAlreadyRunningIsRefused() throws SQLException {
        ApiClient.Response ran = Waiting.until(
                "a run of cleanup outside a scheduled one",
                Duration.ofSeconds(30),
                () -> operator("POST", "/api/v1/jobs/cleanup/run"),
                answer -> answer.status() != 409);
        assertThat(ran.status()).as(ran.body()).isEqualTo(200);
        assertThat(ran.json().path("data").path("name").asString()).isEqualTo("cleanup");
        assertThat(ran.json().path("data").path("summary").asString()).contains("old outbox mails");

        try (Connection elsewhere = dataSource.getConnection()) {
            Waiting.until("the cleanup's lock", Duration.ofSeconds(30), () -> lock(elsewhere, "cleanup"));
            try {
                assertError(operator("POST", "/api/v1/jobs/cleanup/run"), 409, "job_running", null);
            } finally {
                try (PreparedStatement unlock =
                        elsewhere.prepareStatement("SELECT pg_advisory_unlock(hashtext('enverify.job.cleanup'))")) {
                    unlock.execute();
                }
            }
        }
        assertError(operator("POST", "/api/v1/jobs/no-such-task/run"), 404, "not_found", null);
    }

    /** Takes the task's run lock as another process's run would, on a session of its own. */
    private static boolean lock(Connection connection, String task) {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
            statement.setString(1, "enverify.job." + task);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void failedJobsAreListedNewestFirstAndQueuedAgain() {
        String older = "older-" + UUID.randomUUID();
        String newer = "newer-" + UUID.randomUUID();
        String olderId = failedJob(older, Duration.ofDays(2), "SMTP refused");
        String newerId = failedJob(newer, Duration.ofDays(1), "SMTP timed out");

        ApiClient.Response listed = operator("GET", "/api/v1/jobs/failed?limit=200");
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        listed.json().path("data").forEach(job -> ids.add(job.path("id").asString()));
        assertThat(ids).containsSubsequence(newerId, olderId);
        JsonNode newest = listed.json()
                .path("data")
                .valueStream()
                .filter(job -> job.path("id").asString().equals(newerId))
                .findFirst()
                .orElseThrow();
        assertThat(newest.path("name").asString()).isEqualTo("mail-delivery");
        assertThat(newest.path("instance").asString()).isEqualTo(newer);
        assertThat(newest.path("attempts").asInt()).isEqualTo(10);
        assertThat(newest.path("last_error").asString()).isEqualTo("SMTP timed out");
        assertThat(newest.path("failed_at").asString()).endsWith("Z");
        List<String> oldestFirst = new ArrayList<>();
        operator("GET", "/api/v1/jobs/failed?sort=failed_at&limit=200")
                .json()
                .path("data")
                .forEach(job -> oldestFirst.add(job.path("id").asString()));
        assertThat(oldestFirst).containsSubsequence(olderId, newerId);

        ApiClient.Response retried = operator("POST", "/api/v1/jobs/" + olderId + "/retry");
        assertThat(retried.status()).as(retried.body()).isEqualTo(202);
        assertThat(retried.json().path("data").path("instance").asString()).isEqualTo(older);
        assertThat(jdbc.sql("SELECT count(*) FROM failed_jobs WHERE task_instance = ?")
                        .param(older)
                        .query(Long.class)
                        .single())
                .isZero();
        assertError(operator("POST", "/api/v1/jobs/" + olderId + "/retry"), 404, "not_found", null);
        assertError(operator("POST", "/api/v1/jobs/not-an-id/retry"), 404, "not_found", null);
        assertThat(jdbc.sql("SELECT count(*) FROM failed_jobs WHERE task_instance = ?")
                        .param(newer)
                        .query(Long.class)
                        .single())
                .isOne();
        assertError(operator("GET", "/api/v1/jobs/failed?sort=name"), 400, "unparsable_request", "sort");
        assertError(operator("GET", "/api/v1/jobs?limit=0"), 400, "unparsable_request", "limit");
    }
}
