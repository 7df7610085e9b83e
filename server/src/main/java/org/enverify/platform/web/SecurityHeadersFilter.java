package org.enverify.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import org.enverify.platform.net.ClientAddresses;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Security headers on every response, error pages included: {@code nosniff} and a referrer policy
 * always; HSTS over HTTPS only (the connection, or {@code X-Forwarded-Proto} from a trusted proxy,
 * see {@link ClientAddresses#overHttps}); framing and content
 * policies on HTML; {@code Cache-Control: no-store} on JSON unless the handler chose its own caching.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class SecurityHeadersFilter extends OncePerRequestFilter {

    private final ClientAddresses clients;

    SecurityHeadersFilter(ClientAddresses clients) {
        this.clients = clients;
    }

    static final String HSTS = "max-age=31536000; includeSubDomains";
    static final String CONTENT_SECURITY_POLICY = ContentSecurityPolicy.DEFAULT;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
        if (clients.overHttps(request)) {
            response.setHeader("Strict-Transport-Security", HSTS);
        }
        chain.doFilter(request, new ContentTypeHeaders(response));
    }

    /** Error pages are rendered in a dispatch of their own, with a content type of their own. */
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    /**
     * Adds the headers that depend on the content type at the moment it is set, before any body is
     * written. A handler's own {@code Cache-Control} replaces the default, whichever comes first.
     */
    private static final class ContentTypeHeaders extends HttpServletResponseWrapper {

        private boolean cacheControlDefaulted;

        ContentTypeHeaders(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setContentType(String type) {
            super.setContentType(type);
            typed(type);
        }

        @Override
        public void setHeader(String name, String value) {
            if (HttpHeaders.CACHE_CONTROL.equalsIgnoreCase(name)) {
                cacheControlDefaulted = false;
            }
            super.setHeader(name, value);
            if (HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)) {
                typed(value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if (HttpHeaders.CACHE_CONTROL.equalsIgnoreCase(name) && cacheControlDefaulted) {
                setHeader(name, value);
                return;
            }
            super.addHeader(name, value);
            if (HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)) {
                typed(value);
            }
        }

        private void typed(String contentType) {
            MediaType type = parse(contentType);
            if (type == null) {
                return;
            }
            boolean json = type.getSubtype().equals("json") || type.getSubtype().endsWith("+json");
            if (json && !containsHeader(HttpHeaders.CACHE_CONTROL)) {
                super.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
                cacheControlDefaulted = true;
            }
            if (type.isCompatibleWith(MediaType.TEXT_HTML) || type.isCompatibleWith(MediaType.APPLICATION_XHTML_XML)) {
                setIfAbsent("X-Frame-Options", "DENY");
                setIfAbsent("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            }
        }

        private void setIfAbsent(String name, String value) {
            if (!containsHeader(name)) {
                super.setHeader(name, value);
            }
        }

        private static MediaType parse(String contentType) {
            try {
                return contentType == null ? null : MediaType.parseMediaType(contentType);
            } catch (InvalidMediaTypeException e) {
                return null;
            }
        }
    }
}
