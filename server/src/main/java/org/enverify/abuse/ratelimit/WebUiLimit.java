package org.enverify.abuse.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.enverify.platform.net.ClientAddresses;
import org.enverify.platform.web.UiRoutes;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;

/**
 * Takes a token per request to the web UI: a signed-in user's from their own bucket
 * ({@code ENVERIFY_RATE_LIMIT_UI}; the principal is named by the user id, so one person shares one
 * bucket across sessions), an anonymous page's (sign-in, password reset, invitations) from the client
 * address's ({@code ENVERIFY_RATE_LIMIT_UI_ANONYMOUS}). Scripts and styles take none.
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
        if (!UiRoutes.isUiPath(request)) {
            return true;
        }
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        if (signedIn == null || !signedIn.isAuthenticated() || signedIn instanceof AnonymousAuthenticationToken) {
            if (handler instanceof ResourceHttpRequestHandler) {
                return true;
            }
            String address = RateLimitFilter.addressKey(clients.of(request));
            return limiter.admit(
                    Surface.UI_ANONYMOUS, "ratelimit:{ip:" + address + "}:" + Surface.UI_ANONYMOUS.label(), response);
        }
        try {
            return limiter.admitUser(Long.parseLong(signedIn.getName()), response);
        } catch (NumberFormatException notAUser) {
            return true;
        }
    }
}
