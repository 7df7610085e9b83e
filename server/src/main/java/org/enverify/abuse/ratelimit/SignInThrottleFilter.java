package org.enverify.abuse.ratelimit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.enverify.platform.crypto.CryptoProvider;
import org.enverify.platform.net.ClientAddresses;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses sign-in attempts beyond the limits per account at a client address and per client address, and
 * password reset requests beyond the address's limit, before the password is checked or a mail written, and
 * sends the person back to the sign-in page with how long to wait.
 */
class SignInThrottleFilter extends OncePerRequestFilter {

    private final RateLimiter limiter;
    private final ClientAddresses clients;

    SignInThrottleFilter(RateLimiter limiter, ClientAddresses clients) {
        this.limiter = limiter;
        this.clients = clients;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getServletPath();
        return !("POST".equals(request.getMethod())
                && ("/login".equals(path) || "/login/forgot-password".equals(path)));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String address = clients.of(request).getHostAddress();
        Optional<Duration> wait;
        if ("/login/forgot-password".equals(request.getServletPath())) {
            wait = limiter.admitResetRequest(address);
        } else {
            String email = Optional.ofNullable(request.getParameter("email")).orElse("");
            wait = limiter.admitSignIn(digest(email), address);
        }
        if (wait.isPresent()) {
            response.sendRedirect(request.getContextPath() + "/login?throttled="
                    + Math.max(1, wait.get().toMinutes() + 1));
            return;
        }
        chain.doFilter(request, response);
    }

    private static String digest(String email) {
        byte[] hash =
                CryptoProvider.sha256(email.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(hash, 0, 16);
    }
}
