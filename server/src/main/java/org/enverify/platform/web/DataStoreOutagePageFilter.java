package org.enverify.platform.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import org.enverify.platform.DataStoreOutage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A page that failed because the database or Redis was out of reach for a moment (a failover) answers 503 with
 * {@code Retry-After}, as the APIs do, on the error page in the person's language, instead of a server error.
 * Outside the session and security filters, which read the database themselves: the error page is rendered
 * without the request's cookies, as for a visitor who is not signed in, since looking up the session would
 * fail again.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class DataStoreOutagePageFilter extends OncePerRequestFilter {

    private static final String OUTAGE = DataStoreOutagePageFilter.class.getName() + ".outage";

    private static final Logger log = LoggerFactory.getLogger(DataStoreOutagePageFilter.class);

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getDispatcherType() == DispatcherType.ERROR
                ? request.getAttribute(OUTAGE) == null
                : !UiRoutes.isUiPath(request);
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getDispatcherType() == DispatcherType.ERROR) {
            chain.doFilter(new WithoutCookies(request), response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException failure) {
            if (response.isCommitted() || !DataStoreOutage.causedFailure(failure)) {
                throw failure;
            }
            log.warn(
                    "Page failed: a data store is out of reach ({})",
                    failure.getClass().getSimpleName());
            response.resetBuffer();
            request.setAttribute(OUTAGE, Boolean.TRUE);
            ErrorPage.sendWithRetryAfter(
                    HttpStatus.SERVICE_UNAVAILABLE, DataStoreOutage.RETRY_AFTER.toSeconds(), request, response);
        }
    }

    private static final class WithoutCookies extends HttpServletRequestWrapper {

        WithoutCookies(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Cookie[] getCookies() {
            return null;
        }

        @Override
        public String getHeader(String name) {
            return HttpHeaders.COOKIE.equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HttpHeaders.COOKIE.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }
    }
}
