package org.enverify.account.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a form post larger than any form of the UI could be (413, with the error page) before
 * anything reads it. Without this, the container silently drops the parameters of an oversized post,
 * which then fails as a missing CSRF token: refused as well, but not saying why.
 */
class FormSizeFilter extends OncePerRequestFilter {

    /** Tomcat's {@code max-http-form-post-size} in application.yml; the largest real form is a few KB. */
    static final long MAX_FORM_BYTES = 64 * 1024;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type =
                request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("application/x-www-form-urlencoded") && request.getContentLengthLong() > MAX_FORM_BYTES) {
            response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        chain.doFilter(request, response);
    }
}
