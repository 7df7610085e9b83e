package org.enverify.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** The error page a person in a browser gets, in their language (templates/error.html). */
public final class ErrorPage {

    /** The request attribute that tells the error page how many seconds to wait. */
    private static final String RETRY_AFTER_SECONDS = "retryAfterSeconds";

    private ErrorPage() {}

    /** The error page for this status, saying when to try again, with the same time in {@code Retry-After}. */
    public static void sendWithRetryAfter(
            HttpStatus status, long retryAfterSeconds, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        request.setAttribute(RETRY_AFTER_SECONDS, retryAfterSeconds);
        response.sendError(status.value());
    }
}
