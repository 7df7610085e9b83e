package org.enverify.abuse.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.OptionalLong;
import org.enverify.platform.net.ClientAddresses;
import org.enverify.platform.web.UiRoutes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;

/**
 * Takes a token per request to the web UI: a signed-in user's from their own bucket
 * ({@code ENVERIFY_RATE_LIMIT_UI}; the principal is named by the user id, so one person shares one
 * bucket across sessions), an anonymous page's (sign-in, password reset, invitations) from the client
 * address's ({@code ENVERIFY_RATE_LIMIT_UI_ANONYMOUS}). Scripts, styles and images take none, so a page
 * costs one token however many assets it loads. A refused page that a browser asked for is the error page
 * in the person's language saying how long to wait; anything else gets the contract's JSON.
 */
class WebUiLimit implements HandlerInterceptor {

    private final RateLimiter limiter;
    private final ClientAddresses clients;

    WebUiLimit(RateLimiter limiter, ClientAddresses clients) {
        this.limiter = limiter;
        this.clients = clients;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (!UiRoutes.isUiPath(request) || handler instanceof ResourceHttpRequestHandler) {
            return true;
        }
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        OptionalLong refused;
        if (signedIn == null || !signedIn.isAuthenticated() || signedIn instanceof AnonymousAuthenticationToken) {
            String address = RateLimitFilter.addressKey(clients.of(request));
            refused = limiter.take(
                    Surface.UI_ANONYMOUS, "ratelimit:{ip:" + address + "}:" + Surface.UI_ANONYMOUS.label(), response);
        } else {
            try {
                refused = limiter.takeForUser(Long.parseLong(signedIn.getName()), response);
            } catch (NumberFormatException notAUser) {
                return true;
            }
        }
        if (refused.isEmpty()) {
            return true;
        }
        if (asksForHtml(request)) {
            RateLimiter.refuseAsPage(refused.getAsLong(), request, response);
        } else {
            RateLimiter.refuseAsJson(refused.getAsLong(), response);
        }
        return false;
    }

    /** A browser's navigation names {@code text/html}; scripts and API clients accept JSON or anything. */
    private static boolean asksForHtml(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept == null) {
            return false;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream().anyMatch(MediaType.TEXT_HTML::equalsTypeAndSubtype);
        } catch (InvalidMediaTypeException malformed) {
            return false;
        }
    }
}
