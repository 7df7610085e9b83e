package org.enverify.abuse.ratelimit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.enverify.apikey.ApiCaller;
import org.enverify.apikey.ApiKeyType;
import org.enverify.apikey.ApiKeys;
import org.enverify.platform.net.ClientAddresses;
import org.enverify.platform.web.LoggedAttributes;
import org.enverify.platform.web.UiRoutes;
import org.enverify.realm.RequestHost;
import org.slf4j.MDC;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Puts every request but health and status checks through its surface's bucket. A request with a
 * valid key of its surface draws from its realm's bucket for the client address, anything else from
 * the bucket of the address alone. Chaff is answered before this filter and never costs a token.
 */
class RateLimitFilter extends OncePerRequestFilter {

    private record Route(List<PathPattern> patterns, Surface surface, ApiKeyType keyType) {}

    private static final List<PathPattern> UNLIMITED = patterns("/health", "/statusz", "/actuator/**");
    private static final List<PathPattern> CHAFF = patterns("/api/verify", "/api/certificate", "/api/user-report");
    private static final List<Route> ROUTES = List.of(
            new Route(CHAFF, Surface.DEVICE_API, ApiKeyType.DEVICE),
            new Route(
                    patterns("/api/issue", "/api/batch-issue", "/api/checkcodestatus", "/api/expirecode", "/api/v1/**"),
                    Surface.ADMIN_API,
                    ApiKeyType.ADMIN),
            new Route(patterns("/api/stats/**"), Surface.ADMIN_API, ApiKeyType.STATS),
            new Route(patterns("/jwks/**"), Surface.JWKS, null));
    private static final Route EVERYTHING_ELSE = new Route(List.of(), Surface.REDIRECT, null);

    private final RateLimiter limiter;
    private final ApiKeys apiKeys;
    private final ClientAddresses clients;

    RateLimitFilter(RateLimiter limiter, ApiKeys apiKeys, ClientAddresses clients) {
        this.limiter = limiter;
        this.apiKeys = apiKeys;
        this.clients = clients;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // matched as the dispatcher matches, so an encoded or decorated path cannot dodge its surface
        PathContainer path = RequestPath.parse(request.getRequestURI(), request.getContextPath())
                .pathWithinApplication();
        if (matchesAny(UNLIMITED, path) || isChaff(request, path) || isWebUi(request)) {
            chain.doFilter(request, response);
            return;
        }
        Route route = ROUTES.stream()
                .filter(candidate -> matchesAny(candidate.patterns(), path))
                .findFirst()
                .orElse(EVERYTHING_ELSE);
        String address = addressKey(clients.of(request));
        Optional<ApiCaller> caller =
                route.keyType() == null ? Optional.empty() : apiKeys.authenticate(request, route.keyType());
        String surface = route.surface().label();
        String key = caller.map(found -> {
                    MDC.put(LoggedAttributes.REALM_MDC_KEY, found.realm().toString());
                    return "{realm:" + found.realm() + "}:ratelimit:" + surface + ":" + address;
                })
                .orElse("ratelimit:{ip:" + address + "}:" + surface);
        if (limiter.admit(route.surface(), key, response)) {
            chain.doFilter(request, response);
        }
    }

    private static boolean isChaff(HttpServletRequest request, PathContainer path) {
        String chaff = request.getHeader("X-Chaff");
        return chaff != null && !chaff.isEmpty() && matchesAny(CHAFF, path);
    }

    /**
     * An IPv6 client is judged by its /64, the block one subscriber gets; otherwise each of its
     * addresses would have a bucket of its own.
     */
    static String addressKey(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] network = Arrays.copyOf(address.getAddress(), 16);
        Arrays.fill(network, 8, 16, (byte) 0);
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean matchesAny(List<PathPattern> patterns, PathContainer path) {
        return patterns.stream().anyMatch(pattern -> pattern.matches(path));
    }

    private static List<PathPattern> patterns(String... paths) {
        return Arrays.stream(paths)
                .map(PathPatternParser.defaultInstance::parse)
                .toList();
    }

    /** The web UI takes its tokens per signed-in user, once the session says who that is. */
    private static boolean isWebUi(HttpServletRequest request) {
        return UiRoutes.isUiPath(request) && RequestHost.of(request).kind() != RequestHost.Kind.REDIRECT;
    }
}
