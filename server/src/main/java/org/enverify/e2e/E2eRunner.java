package org.enverify.e2e;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.enverify.events.EventType;
import org.enverify.events.Events;
import org.enverify.jobs.PeriodicTask;
import org.enverify.platform.ConditionalOnSettings;
import org.enverify.platform.net.OutboundHttp;
import org.enverify.platform.net.OutboundHttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Walks the protocol the way a health authority and a phone do: issue, verify, check the code is
 * claimed, get a certificate for freshly generated keys, and publish them to the key server when one
 * is configured. Each run is recorded in {@code e2e_runs} with the step that failed, if any, and
 * counted as {@code enverify.e2e.runs{outcome}}. Messages never carry codes, tokens or certificates.
 */
@Component
@ConditionalOnSettings({
    "enverify.e2e.admin-url",
    "enverify.e2e.device-url",
    "enverify.e2e.admin-key",
    "enverify.e2e.device-key"
})
class E2eRunner implements PeriodicTask, AutoCloseable {

    static final int KEYS = 14;
    private static final Logger log = LoggerFactory.getLogger(E2eRunner.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long MAX_ANSWER_BYTES = 1_000_000;

    private final E2eSettings settings;
    private final JdbcClient jdbc;
    private final MeterRegistry meters;
    private final OutboundHttp http;
    private final E2eTestRealm testRealm;
    private final Events events;
    private final TransactionTemplate transactions;
    private final SecureRandom random = new SecureRandom();

    E2eRunner(
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
        this.http = new OutboundHttp(settings.timeout(), MAX_ANSWER_BYTES);
    }

    @Override
    public String name() {
        return "e2e";
    }

    @Override
    public String defaultSchedule() {
        return "FIXED_DELAY|PT15M";
    }

    /** A step of the walk that did not give what the protocol promises. */
    private static final class StepFailed extends RuntimeException {
        final String step;

        StepFailed(String step, String message) {
            super(message);
            this.step = step;
        }
    }

    @Override
    public String run(Instant now) {
        try {
            String steps = walk(now);
            record(now, null, null);
            outcome("success").increment();
            return "passed: " + steps;
        } catch (StepFailed e) {
            record(now, e.step, e.getMessage());
            announceFailure(e.step);
            outcome("failure").increment();
            log.warn("End-to-end test failed at {}: {}", e.step, e.getMessage());
            throw new IllegalStateException("failed at " + e.step + ": " + e.getMessage());
        }
    }

    private String walk(Instant now) {
        LocalDate symptomDate = LocalDate.ofInstant(now.minus(Duration.ofHours(48)), ZoneOffset.UTC);
        JsonNode issued = call(
                "issue",
                settings.adminUrl(),
                "/api/issue",
                settings.adminKey(),
                Map.of("testType", "confirmed", "symptomDate", symptomDate.toString(), "tzOffset", 0));
        String code = required("issue", issued, "code");
        String uuid = required("issue", issued, "uuid");

        JsonNode verified =
                call("verify", settings.deviceUrl(), "/api/verify", settings.deviceKey(), Map.of("code", code));
        String token = required("verify", verified, "token");

        JsonNode status = call(
                "checkcodestatus",
                settings.adminUrl(),
                "/api/checkcodestatus",
                settings.adminKey(),
                Map.of("uuid", uuid));
        if (!status.path("claimed").asBoolean(false)) {
            throw new StepFailed("checkcodestatus", "the verified code is not reported as claimed");
        }

        List<TestKeys.Tek> keys = TestKeys.generate(KEYS, now, random);
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        JsonNode certified = call(
                "certificate",
                settings.deviceUrl(),
                "/api/certificate",
                settings.deviceKey(),
                Map.of("token", token, "ekeyhmac", TestKeys.hmac(keys, secret)));
        String certificate = required("certificate", certified, "certificate");

        if (settings.keyServer().isBlank()) {
            return "issue, verify, checkcodestatus, certificate";
        }
        publish(keys, secret, certificate);
        return "issue, verify, checkcodestatus, certificate, publish";
    }

    private void publish(List<TestKeys.Tek> keys, byte[] secret, String certificate) {
        if (settings.healthAuthorityId().isBlank()) {
            throw new StepFailed("publish", "ENVERIFY_E2E_HEALTH_AUTHORITY_ID is required to publish");
        }
        byte[] padding = new byte[random.nextInt(256, 1024)];
        random.nextBytes(padding);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("temporaryExposureKeys", keys);
        body.put("healthAuthorityID", settings.healthAuthorityId());
        body.put("verificationPayload", certificate);
        body.put("hmacKey", Base64.getEncoder().encodeToString(secret));
        body.put("revisionToken", "");
        body.put("padding", Base64.getEncoder().encodeToString(padding));
        JsonNode published = post("publish", publishUri(settings.keyServer()), Map.of(), body);
        String error = published.path("error").asString("");
        if (!error.isBlank()) {
            throw new StepFailed(
                    "publish",
                    "the key server refused: " + published.path("code").asString("") + " " + abbreviate(error));
        }
    }

    /** {@code {keyServer}/v1/publish}; anything from {@code /v1} on in the setting is dropped, as key server clients do. */
    static URI publishUri(String keyServer) {
        URI uri = URI.create(keyServer.trim());
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        int v1 = path.indexOf("/v1");
        path = (v1 >= 0 ? path.substring(0, v1) : path).replaceAll("/+$", "");
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + path + "/v1/publish");
    }

    private JsonNode call(String step, String base, String path, String apiKey, Map<String, Object> body) {
        return post(step, URI.create(base.trim().replaceAll("/+$", "") + path), Map.of("X-API-Key", apiKey), body);
    }

    private JsonNode post(String step, URI uri, Map<String, String> extraHeaders, Object body) {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json");
        headers.put("User-Agent", "enverify-e2e");
        OutboundHttp.Response response;
        try {
            response = http.post(uri, headers, JSON.writeValueAsBytes(body));
        } catch (OutboundHttpException e) {
            throw new StepFailed(step, e.getMessage());
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (JacksonException e) {
            answer = null;
        }
        String where = "POST " + OutboundHttp.describe(uri);
        if (!response.ok()) {
            String errorCode = answer == null
                    ? ""
                    : answer.path("errorCode").asString(answer.path("code").asString(""));
            throw new StepFailed(
                    step,
                    where + " answered " + response.status()
                            + (errorCode.isBlank() ? "" : " " + abbreviate(errorCode)));
        }
        if (answer == null || !answer.isObject()) {
            throw new StepFailed(step, where + " answered " + response.status() + " without a JSON object");
        }
        return answer;
    }

    private static String required(String step, JsonNode answer, String field) {
        String value = answer.path(field).asString("");
        if (value.isBlank()) {
            throw new StepFailed(step, "the answer has no " + field);
        }
        return value;
    }

    private void record(Instant startedAt, String failedStep, String message) {
        jdbc.sql("INSERT INTO e2e_runs (started_at, succeeded, failed_step, message) VALUES (?, ?, ?, ?)")
                .params(Timestamp.from(startedAt), failedStep == null, failedStep, message)
                .update();
    }

    /**
     * An {@code e2e.failed} event in the realm the test issues in, when its admin key is one of this installation's
     * keys; a test of another installation has no realm here to tell.
     */
    private void announceFailure(String step) {
        testRealm
                .find()
                .ifPresent(realm -> transactions.executeWithoutResult(
                        status -> events.record(realm, EventType.E2E_FAILED, Map.of("step", step))));
    }

    private Counter outcome(String outcome) {
        return Counter.builder("enverify.e2e.runs")
                .description("End-to-end self-test runs by outcome")
                .tag("outcome", outcome)
                .register(meters);
    }

    private static String abbreviate(String text) {
        String line = text.replaceAll("\\p{Cntrl}", " ");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    @Override
    public void close() {
        http.close();
    }
}
