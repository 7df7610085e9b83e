package org.enverify.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * One log line per request: request id (the caller's {@code X-Request-Id} when it is plain, else a fresh one,
 * echoed in the response and kept on the request for the audit trail), realm, route (the pattern, never the path, which can carry
 * a uuid), status and duration. Bodies and headers are never logged: they carry codes, tokens and keys.
 */
@Component
@Order(RequestLogFilter.ORDER)
class RequestLogFilter extends OncePerRequestFilter {

    /** Just inside the tracing filter, so the request line carries the trace id. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

    static final String REQUEST_ID_HEADER = "X-Request-ID";
    private static final Logger log = LoggerFactory.getLogger("org.enverify.request");
    private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        String requestId = requestId(request.getHeader(REQUEST_ID_HEADER));
        response.setHeader(REQUEST_ID_HEADER, requestId);
        request.setAttribute(LoggedAttributes.REQUEST_ID_ATTRIBUTE, requestId);
        MDC.put("request_id", requestId);
        try {
            chain.doFilter(request, response);
        } finally {
            Object route = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
            if (route == null) {
                route = request.getAttribute(LoggedAttributes.ROUTE_ATTRIBUTE);
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            log.atInfo()
                    .addKeyValue("method", request.getMethod())
                    .addKeyValue("route", route == null ? "unmatched" : route)
                    .addKeyValue("status", response.getStatus())
                    .addKeyValue("duration_ms", millis)
                    .log(
                            "{} {} {} {}ms request_id={}",
                            request.getMethod(),
                            route == null ? "unmatched" : route,
                            response.getStatus(),
                            millis,
                            requestId);
            MDC.remove("request_id");
            MDC.remove(LoggedAttributes.REALM_MDC_KEY);
        }
    }

    /** A caller's id is kept only when it is short and plain, so it cannot forge log lines. */
    private static String requestId(String offered) {
        if (offered != null && PLAIN_ID.matcher(offered).matches()) {
            return offered;
        }
        // A version 4 UUID, but an id names a request in the logs and keeps no secret: no need to
        // draw on SecureRandom, as UUID.randomUUID() does.
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & ~(0b11L << 62)) | (0b10L << 62);
        return new UUID(high, low).toString();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/actuator");
    }
}
