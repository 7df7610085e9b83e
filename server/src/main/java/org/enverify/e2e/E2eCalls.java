package org.enverify.e2e;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.enverify.platform.net.OutboundHttp;
import org.enverify.platform.net.OutboundHttpException;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The self-test's HTTP calls, each failure a {@link StepFailed} that names the call and what it answered. */
@Component
class E2eCalls implements AutoCloseable {

    static final String USER_AGENT = "enverify-e2e";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long MAX_ANSWER_BYTES = 1_000_000;

    private final OutboundHttp http;
    /** For app links, whose redirects are what the redirect flow checks. */
    private final OutboundHttp links;

    E2eCalls(E2eSettings settings) {
        this.http = new OutboundHttp(settings.timeout(), MAX_ANSWER_BYTES);
        this.links = new OutboundHttp(settings.timeout(), MAX_ANSWER_BYTES, false);
    }

    /** A JSON call of our own API, {@code base + path}, with an API key. */
    JsonNode call(String step, String base, String path, String apiKey, Map<String, Object> body) {
        return post(step, resolve(base, path), Map.of("X-API-Key", apiKey), body);
    }

    JsonNode post(String step, URI uri, Map<String, String> extraHeaders, Object body) {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json");
        headers.put("User-Agent", USER_AGENT);
        OutboundHttp.Response response;
        try {
            response = http.post(uri, headers, JSON.writeValueAsBytes(body));
        } catch (OutboundHttpException e) {
            throw new StepFailed(step, e.getMessage());
        }
        return jsonObject(step, "POST " + OutboundHttp.describe(uri), response);
    }

    /** A JSON document the redirect role serves, which must come with 200. */
    JsonNode getJson(String step, String base, String path) {
        URI uri = resolve(base, path);
        OutboundHttp.Response response = get(step, uri, USER_AGENT);
        String where = "GET " + OutboundHttp.describe(uri);
        if (response.status() != 200) {
            throw new StepFailed(step, where + " answered " + response.status());
        }
        try {
            return JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new StepFailed(step, where + " answered without JSON");
        }
    }

    /** Where an app link sends a device of this user agent; it must be a 303 with a Location. */
    String redirectTarget(String step, String base, String path, String userAgent) {
        URI uri = resolve(base, path);
        OutboundHttp.Response response = get(step, uri, userAgent);
        if (response.status() != 303 || response.location().isEmpty()) {
            throw new StepFailed(
                    step, "GET " + OutboundHttp.describe(uri) + " answered " + response.status() + ", not a 303");
        }
        return response.location().get();
    }

    private OutboundHttp.Response get(String step, URI uri, String userAgent) {
        try {
            return links.get(uri, Map.of("Accept", "application/json, text/html", "User-Agent", userAgent));
        } catch (OutboundHttpException e) {
            throw new StepFailed(step, e.getMessage());
        }
    }

    private static JsonNode jsonObject(String step, String where, OutboundHttp.Response response) {
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (JacksonException e) {
            answer = null;
        }
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

    static String required(String step, JsonNode answer, String field) {
        String value = answer.path(field).asString("");
        if (value.isBlank()) {
            throw new StepFailed(step, "the answer has no " + field);
        }
        return value;
    }

    static String abbreviate(String text) {
        String line = text.replaceAll("\\p{Cntrl}", " ");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    private static URI resolve(String base, String path) {
        return URI.create(base.trim().replaceAll("/+$", "") + path);
    }

    @Override
    public void close() {
        http.close();
        links.close();
    }
}
