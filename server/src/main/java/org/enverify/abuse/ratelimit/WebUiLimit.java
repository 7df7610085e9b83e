package org.enverify.abuse.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.enverify.platform.web.UiRoutes;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Takes a token per request of a signed-in user of the web UI ({@code ENVERIFY_RATE_LIMIT_UI}). The
 * web UI's principal is named by the user id, so one person shares one bucket across sessions.
 */
class SignedInUserLimit implements HandlerInterceptor {

    private final RateLimiter limiter;

    SignedInUserLimit(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        if (signedIn == null
                || !signedIn.isAuthenticated()
                || signedIn instanceof AnonymousAuthenticationToken
                || !UiRoutes.isUiPath(request)) {
            return true;
        }
        try {
            return limiter.admitUser(Long.parseLong(signedIn.getName()), response);
        } catch (NumberFormatException notAUser) {
            return true;
        }
    }
}
