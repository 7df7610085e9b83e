package org.enverify.platform.web;

import jakarta.servlet.http.HttpServletRequest;

/** What every process serves on every host name: probes and scrapers reach pods by their addresses. */
public final class CommonRoutes {

    private CommonRoutes() {}

    /** {@code /health}, {@code /statusz} and {@code /actuator/**}. */
    public static boolean servedOnEveryHost(HttpServletRequest request) {
        String path = path(request);
        return path.equals("/health")
                || path.equals("/statusz")
                || path.equals("/actuator")
                || path.startsWith("/actuator/");
    }

    /**
     * The path a request is routed by: decoded, with dot segments and path parameters removed by the
     * servlet container, so {@code /%61pi/;x/verify} and {@code /api/verify} are the same path.
     */
    public static String path(HttpServletRequest request) {
        String info = request.getPathInfo();
        return info == null ? request.getServletPath() : request.getServletPath() + info;
    }
}
