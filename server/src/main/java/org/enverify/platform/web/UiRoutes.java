package org.enverify.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/**
 * The paths of the web UI: sign-in and account pages, the realm pages of case workers and admins, the
 * system admin pages and their assets. Everything else (APIs, JWKS, probes) knows nothing of sessions.
 */
public final class UiRoutes {

    private static final List<String> EXACT = List.of("/", "/logout", "/favicon.ico");
    private static final List<String> PREFIXES = List.of(
            "/login",
            "/account",
            "/codes",
            "/realm",
            "/admin",
            "/invitations",
            "/verify-email",
            "/webauthn/",
            "/webjars/",
            "/ui/");

    private UiRoutes() {}

    public static boolean isUiPath(HttpServletRequest request) {
        String path = CommonRoutes.path(request);
        if (EXACT.contains(path)) {
            return true;
        }
        for (String prefix : PREFIXES) {
            if (path.startsWith(prefix)
                    && (prefix.endsWith("/")
                            || path.length() == prefix.length()
                            || path.charAt(prefix.length()) == '/')) {
                return true;
            }
        }
        return false;
    }
}
