package org.enverify.e2e;

import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The protocol as a health authority and a phone walk it: issue a code, verify it, check it is claimed, get a
 * certificate for the phone's keys, and publish them to the key server when one is configured. One walk may take
 * several passes (the revise flow takes two); the steps it took are kept for the run's summary.
 */
final class CodeWalk {

    static final int KEYS = 14;

    private final E2eSettings settings;
    private final E2eCalls calls;
    private final SecureRandom random;
    private final List<String> steps = new ArrayList<>();

    CodeWalk(E2eSettings settings, E2eCalls calls, SecureRandom random) {
        this.settings = settings;
        this.calls = calls;
        this.random = random;
    }

    /** What a code is issued as: its test type and the phone its SMS goes to, or null for none. */
    record Issue(String testType, String phone) {}

    /**
     * One pass, with step names after {@code prefix}.
     *
     * @param revisionToken the key server's token from an earlier publish of these keys, or empty
     * @return the key server's revision token for the published keys; empty without a key server
     */
    String pass(String prefix, Issue issue, List<TestKeys.Tek> keys, String revisionToken, Instant now) {
        LocalDate symptomDate = LocalDate.ofInstant(now.minus(Duration.ofHours(48)), ZoneOffset.UTC);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("testType", issue.testType());
        request.put("symptomDate", symptomDate.toString());
        request.put("tzOffset", 0);
        if (issue.phone() != null) {
            request.put("phone", issue.phone());
        }
        String step = step(prefix, "issue");
        JsonNode issued = calls.call(step, settings.adminUrl(), "/api/issue", settings.adminKey(), request);
        String code = E2eCalls.required(step, issued, "code");
        String uuid = E2eCalls.required(step, issued, "uuid");

        step = step(prefix, "verify");
        JsonNode verified =
                calls.call(step, settings.deviceUrl(), "/api/verify", settings.deviceKey(), Map.of("code", code));
        String token = E2eCalls.required(step, verified, "token");
        String testType = verified.path("testtype").asString("");
        if (!testType.equals(issue.testType())) {
            throw new StepFailed(
                    step, "the code verified as " + E2eCalls.abbreviate(testType) + ", not " + issue.testType());
        }

        step = step(prefix, "checkcodestatus");
        JsonNode status = calls.call(
                step, settings.adminUrl(), "/api/checkcodestatus", settings.adminKey(), Map.of("uuid", uuid));
        if (!status.path("claimed").asBoolean(false)) {
            throw new StepFailed(step, "the verified code is not reported as claimed");
        }

        step = step(prefix, "certificate");
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        JsonNode certified = calls.call(
                step,
                settings.deviceUrl(),
                "/api/certificate",
                settings.deviceKey(),
                Map.of("token", token, "ekeyhmac", TestKeys.hmac(keys, secret)));
        String certificate = E2eCalls.required(step, certified, "certificate");
        String reportType = reportType(step, certificate);
        if (!reportType.equals(issue.testType())) {
            throw new StepFailed(
                    step, "the certificate reports " + E2eCalls.abbreviate(reportType) + ", not " + issue.testType());
        }

        if (settings.keyServer().isBlank()) {
            return "";
        }
        return publish(step(prefix, "publish"), keys, secret, certificate, revisionToken);
    }

    /** The steps walked so far, comma-separated. */
    String steps() {
        return String.join(", ", steps);
    }

    List<TestKeys.Tek> keys(Instant now) {
        return TestKeys.generate(KEYS, now, random);
    }

    private String step(String prefix, String name) {
        String step = prefix + name;
        steps.add(step);
        return step;
    }

    private static String reportType(String step, String certificate) {
        try {
            String reportType = SignedJWT.parse(certificate).getJWTClaimsSet().getStringClaim("reportType");
            return reportType == null ? "" : reportType;
        } catch (ParseException e) {
            throw new StepFailed(step, "the certificate is not a JWT with a reportType");
        }
    }

    private String publish(
            String step, List<TestKeys.Tek> keys, byte[] secret, String certificate, String revisionToken) {
        if (settings.healthAuthorityId().isBlank()) {
            throw new StepFailed(step, "ENVERIFY_E2E_HEALTH_AUTHORITY_ID is required to publish");
        }
        byte[] padding = new byte[random.nextInt(256, 1024)];
        random.nextBytes(padding);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("temporaryExposureKeys", keys);
        body.put("healthAuthorityID", settings.healthAuthorityId());
        body.put("verificationPayload", certificate);
        body.put("hmacKey", Base64.getEncoder().encodeToString(secret));
        body.put("revisionToken", revisionToken);
        body.put("padding", Base64.getEncoder().encodeToString(padding));
        JsonNode published = calls.post(step, publishUri(settings.keyServer()), Map.of(), body);
        String error = published.path("error").asString("");
        if (!error.isBlank()) {
            throw new StepFailed(
                    step,
                    "the key server refused: " + published.path("code").asString("") + " "
                            + E2eCalls.abbreviate(error));
        }
        return published.path("revisionToken").asString("");
    }

    /** {@code {keyServer}/v1/publish}; anything from {@code /v1} on in the setting is dropped, as key server clients do. */
    static URI publishUri(String keyServer) {
        URI uri = URI.create(keyServer.trim());
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        int v1 = path.indexOf("/v1");
        path = (v1 >= 0 ? path.substring(0, v1) : path).replaceAll("/+$", "");
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + path + "/v1/publish");
    }
}
