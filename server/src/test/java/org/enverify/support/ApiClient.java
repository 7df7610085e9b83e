package org.enverify.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Talks to the running application over real HTTP, as phones and PHA systems do. */
public class ApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final Map<String, String> headers;

    public ApiClient(int port) {
        this("localhost", port);
    }

    /** A client of the server on {@code host}, such as {@code [::1]} to come from the IPv6 loopback. */
    public ApiClient(String host, int port) {
        this("http://" + host + ":" + port, Map.of());
    }

    private ApiClient(String base, Map<String, String> headers) {
        this.base = base;
        this.headers = headers;
    }

    /**
     * The same client, sending {@code Host: host} with every request, as a browser or phone does that
     * reached the server by that name. The JDK's HttpClient sends a chosen Host only when the JVM runs
     * with {@code -Djdk.httpclient.allowRestrictedHeaders=host}, which the build sets for tests.
     */
    public ApiClient onHost(String host) {
        if (!System.getProperty("jdk.httpclient.allowRestrictedHeaders", "").contains("host")) {
            throw new IllegalStateException("Run tests with -Djdk.httpclient.allowRestrictedHeaders=host"
                    + " (Maven's surefire configuration in server/pom.xml does) to send a Host header");
        }
        return withHeaders(Map.of("Host", host));
    }

    /** A client that sends these headers as well on every request. */
    public ApiClient withHeaders(Map<String, String> extra) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(extra);
        return new ApiClient(base, Map.copyOf(all));
    }

    public record Response(int status, Map<String, List<String>> headers, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String errorCode() {
            return json().path("errorCode").asString();
        }

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst())
                    .findFirst()
                    .orElse(null);
        }
    }

    /** POSTs {@code body} as JSON with the key; a null key sends no {@code X-API-Key}. */
    public Response post(String path, String apiKey, String body) {
        return post(path, apiKey, "application/json", body);
    }

    public Response post(String path, String apiKey, String contentType, String body) {
        return post(path, apiKey, contentType, body, Map.of());
    }

    /** POSTs with further headers, such as {@code X-Chaff}. */
    public Response post(String path, String apiKey, String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        headers.forEach(request::header);
        return send(request.build());
    }

    /** POSTs raw bytes, such as a file that is not text. */
    public Response post(String path, String apiKey, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", contentType)
                .header("X-API-Key", apiKey)
                .build());
    }

    /** POSTs with exactly these headers, for routes that take no API key. */
    public Response postWithHeaders(String path, Map<String, String> headers, String body) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    public Response post(String path, String apiKey, Object body) {
        return post(path, apiKey, JSON.writeValueAsString(body));
    }

    public Response get(String path) {
        return get(path, (String) null);
    }

    /** GETs {@code path} with the key; a null key sends no {@code X-API-Key}. */
    public Response get(String path, String apiKey) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        return send(request.build());
    }

    /** GETs {@code path} with these request headers (such as {@code User-Agent}). */
    public Response get(String path, Map<String, String> requestHeaders) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).GET();
        requestHeaders.forEach(request::header);
        return send(request.build());
    }

    /** Any method with these headers and, unless null, this body (sent without a content type of its own). */
    public Response request(String method, String path, Map<String, String> requestHeaders, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        requestHeaders.forEach(request::header);
        return send(request.build());
    }

    private Response send(HttpRequest request) {
        HttpRequest.Builder withHeaders = HttpRequest.newBuilder(request, (name, value) -> true);
        headers.forEach(withHeaders::header);
        return sendAsIs(withHeaders.build());
    }

    private Response sendAsIs(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
