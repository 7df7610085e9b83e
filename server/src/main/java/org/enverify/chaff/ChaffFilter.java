package org.enverify.chaff;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.enverify.apikey.ApiCaller;
import org.enverify.apikey.ApiKeyAuthenticator;
import org.enverify.apikey.ApiKeyType;
import org.enverify.platform.api.ApiException;
import org.enverify.platform.api.Padding;
import org.enverify.platform.web.LoggedAttributes;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers chaff on the device API and watches the real responses it imitates. A POST with a
 * non-empty {@code X-Chaff} header and a valid DEVICE key gets 200 {@code {"padding":"..."}} as
 * large and as slow as the endpoint's recent real responses (user reports look like verifies), and
 * goes no further: its body is never read, no handler runs, the rate limit never sees it, and
 * maintenance mode does not refuse it. Any other POST goes on, and its response is measured.
 */
final class ChaffFilter extends OncePerRequestFilter {

    /** After the request log, so chaff is logged; before the rate limit, so chaff is never counted. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    static final String HEADER = "X-Chaff";
    static final String VERIFY = "/api/verify";
    static final String CERTIFICATE = "/api/certificate";
    static final String USER_REPORT = "/api/user-report";

    private static final int JSON_OVERHEAD = "{\"padding\":\"\"}".length();

    private final ApiKeyAuthenticator authenticator;
    private final ChaffEvents events;
    private final JsonMapper json;
    private final Map<String, ResponseTracker> trackers;

    ChaffFilter(ApiKeyAuthenticator authenticator, ChaffEvents events, JsonMapper json) {
        this.authenticator = authenticator;
        this.events = events;
        this.json = json;
        ResponseTracker verify = new ResponseTracker();
        this.trackers = Map.of(VERIFY, verify, USER_REPORT, verify, CERTIFICATE, new ResponseTracker());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getMethod().equals("POST") || !trackers.containsKey(request.getServletPath());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        ResponseTracker tracker = trackers.get(request.getServletPath());
        String chaff = request.getHeader(HEADER);
        if (chaff != null && !chaff.isEmpty()) {
            answerChaff(request, response, tracker, started);
            return;
        }
        CountingResponse counted = new CountingResponse(response);
        chain.doFilter(request, counted);
        if (answeredByItsHandler(request, counted)) {
            tracker.record(counted.bodyBytes(), Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /**
     * Only what a handler answered a phone with a valid key is worth imitating: refusals of unknown
     * keys, and requests no handler took (stopped by a later filter, or a route this process lacks),
     * would let anyone skew the average.
     */
    private static boolean answeredByItsHandler(HttpServletRequest request, HttpServletResponse response) {
        return request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) != null
                && response.getStatus() != HttpStatus.UNAUTHORIZED.value();
    }

    private void answerChaff(
            HttpServletRequest request, HttpServletResponse response, ResponseTracker tracker, long started)
            throws IOException {
        request.setAttribute(LoggedAttributes.ROUTE_ATTRIBUTE, request.getServletPath() + " (chaff)");
        Optional<ApiCaller> caller = authenticator.authenticate(request, ApiKeyType.DEVICE);
        if (caller.isEmpty()) {
            write(
                    response,
                    HttpStatus.UNAUTHORIZED,
                    json.writeValueAsBytes(ApiException.unauthorized().body()));
            return;
        }
        MDC.put(LoggedAttributes.REALM_MDC_KEY, caller.get().realm().toString());
        events.record(caller.get().realm());
        ResponseTracker.Profile profile = tracker.profile();
        byte[] body = ("{\"padding\":\"" + Padding.random(paddingBytes(profile.bodyBytes())) + "\"}")
                .getBytes(StandardCharsets.US_ASCII);
        waitUntil(started, profile.latency());
        write(response, HttpStatus.OK, body);
    }

    /** Random bytes whose base64 makes the whole body as close to {@code bodyBytes} as four-character groups allow. */
    static int paddingBytes(long bodyBytes) {
        long groups = Math.round((bodyBytes - JSON_OVERHEAD) / 4.0);
        return (int) Math.max(0, groups) * 3;
    }

    /** Real time on the request's own thread: latency is what an observer measures, not what the clock bean says. */
    private static void waitUntil(long started, Duration latency) {
        long remaining = latency.toNanos() - (System.nanoTime() - started);
        if (remaining <= 0) {
            return;
        }
        try {
            Thread.sleep(Duration.ofNanos(remaining));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void write(HttpServletResponse response, HttpStatus status, byte[] body) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream().write(body);
    }
}
