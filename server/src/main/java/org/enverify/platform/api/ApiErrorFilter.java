package org.enverify.platform.api;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import org.enverify.platform.DataStoreOutage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gives every refusal under {@code /api} the contract's error object, also those no API handler
 * chose: an unknown route or one with a trailing or doubled slash, a wrong method, a 404 without a
 * body, and a failure that escaped every handler. A response with a body of its own is left alone.
 * What Tomcat refuses before the filters run but still sends to the error page ({@code TRACE}) is
 * answered here too, on its error dispatch.
 */
class ApiErrorFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorFilter.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Whether a raw request URI is under {@code /api}. */
    static boolean isApiPath(String requestUri) {
        return requestUri.equals("/api") || requestUri.startsWith("/api/");
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        Object uri = request.getDispatcherType() == DispatcherType.ERROR
                ? request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI)
                : request.getRequestURI();
        return !(uri instanceof String path && isApiPath(path));
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getDispatcherType() == DispatcherType.ERROR) {
            answerErrorDispatch(request, response, chain);
            return;
        }
        BodyWatch watched = new BodyWatch(response);
        try {
            chain.doFilter(request, watched);
        } catch (RequestRejectedException rejected) {
            if (response.isCommitted()) {
                throw rejected;
            }
            response.resetBuffer();
            write(request, response, HttpStatus.BAD_REQUEST.value());
            return;
        } catch (IOException | ServletException | RuntimeException failure) {
            if (response.isCommitted()) {
                throw failure;
            }
            response.resetBuffer();
            if (DataStoreOutage.causedFailure(failure)) {
                log.warn(
                        "Request failed: a data store is out of reach ({})",
                        failure.getClass().getSimpleName());
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(DataStoreOutage.RETRY_AFTER.toSeconds()));
                write(request, response, HttpStatus.SERVICE_UNAVAILABLE.value());
                return;
            }
            log.error("Request failed", failure);
            write(request, response, HttpStatus.INTERNAL_SERVER_ERROR.value());
            return;
        }
        if (response.getStatus() >= 400 && !watched.bodyStarted && !response.isCommitted()) {
            write(request, response, response.getStatus());
        }
    }

    private static void answerErrorDispatch(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (response.isCommitted()) {
            chain.doFilter(request, response);
            return;
        }
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        response.resetBuffer();
        write(request, response, status instanceof Integer code ? code : HttpStatus.INTERNAL_SERVER_ERROR.value());
    }

    /** The management API's envelope on its paths, the device and admin APIs' error object elsewhere. */
    private static void write(HttpServletRequest request, HttpServletResponse response, int status) throws IOException {
        Object uri = request.getDispatcherType() == DispatcherType.ERROR
                ? request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI)
                : request.getRequestURI();
        if (uri instanceof String path && ManagementError.isManagementPath(path)) {
            ManagementError.write(response, status);
            return;
        }
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        JSON.writeValue(response.getOutputStream(), ApiError.forStatus(status));
    }

    /**
     * Notes whether a handler wrote a body, and turns {@code sendError} into a plain status so that
     * the container's error page never answers: the filter writes the error object instead.
     *
     * <p>It also holds back {@code flushBuffer}, which Spring MVC calls once it has written an
     * answer. A flushed answer leaves in chunks, in two writes to the socket; an answer that fits the
     * container's buffer leaves whole when the request ends, with its {@code Content-Length}, in one
     * write: cheaper, and framed like chaff, which a network observer must not tell from a real
     * answer. A larger body is still sent as the buffer fills.
     */
    private static final class BodyWatch extends HttpServletResponseWrapper {

        private boolean bodyStarted;

        BodyWatch(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            bodyStarted = true;
            return super.getOutputStream();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            bodyStarted = true;
            return super.getWriter();
        }

        @Override
        public void flushBuffer() {}

        @Override
        public void sendError(int status) {
            sendError(status, null);
        }

        @Override
        public void sendError(int status, String message) {
            if (isCommitted()) {
                throw new IllegalStateException("the response is already committed");
            }
            resetBuffer();
            bodyStarted = false;
            setStatus(status);
        }
    }
}
