package org.enverify.realm;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.enverify.platform.web.CommonRoutes;
import org.enverify.realm.RequestHost.Kind;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Resolves once what a request's Host selects and hands it on as {@link RequestHost#ATTRIBUTE}. A host
 * that selects nothing, and a path its host does not serve, get 404 as if they did not exist.
 */
class RealmHostFilter extends OncePerRequestFilter {

    private static final RequestHost UNMAPPED_REDIRECT = new RequestHost(Kind.REDIRECT, null, null);

    private final HostRules rules;
    private final Realms realms;

    RealmHostFilter(HostRules rules, Realms realms) {
        this.rules = rules;
        this.realms = realms;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !rules.interpretsHosts() || CommonRoutes.servedOnEveryHost(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<RequestHost> host = rules.classify(request.getServerName()).flatMap(this::resolve);
        if (host.isEmpty() || !serves(host.get().kind(), CommonRoutes.path(request))) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        request.setAttribute(RequestHost.ATTRIBUTE, host.get());
        chain.doFilter(request, response);
    }

    /** A realm host names an existing realm; a redirect host may name a region no realm has, or none. */
    private Optional<RequestHost> resolve(HostRules.Match match) {
        return switch (match.kind()) {
            case MAIN -> Optional.of(RequestHost.MAIN);
            case REDIRECT ->
                Optional.of(Optional.ofNullable(match.label())
                        .map(region -> realms.findByRegion(region)
                                .map(realm -> new RequestHost(Kind.REDIRECT, realm.id(), realm.regionCode()))
                                .orElseGet(() -> new RequestHost(Kind.REDIRECT, null, region)))
                        .orElse(UNMAPPED_REDIRECT));
            case REALM_UI, REALM_API ->
                realms.findBySlug(match.label()).map(realm -> new RequestHost(match.kind(), realm.id(), null));
        };
    }

    /** A realm's API host carries the device and admin APIs only, its UI host everything else, as the Ingress routes them. */
    private static boolean serves(Kind kind, String path) {
        boolean api = path.equals("/api") || path.startsWith("/api/") || path.equals("/openapi.yaml");
        return switch (kind) {
            case REALM_API -> api;
            case REALM_UI -> !api;
            case MAIN, REDIRECT -> true;
        };
    }
}
