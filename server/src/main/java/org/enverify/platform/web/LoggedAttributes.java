package org.enverify.platform.web;

/** Names of what the request log carries beyond its own fields. */
public final class LoggedAttributes {

    /**
     * The realm a request works in, once an API key resolved it, in the logging context: every line
     * logged while serving the request names it, the request line included.
     */
    public static final String REALM_MDC_KEY = "realm";

    /**
     * A request attribute that names the route of a request answered before any handler (chaff),
     * which has no pattern of its own.
     */
    public static final String ROUTE_ATTRIBUTE = "org.enverify.route";

    /** A request attribute holding the request's id, as the request log and the response name it. */
    public static final String REQUEST_ID_ATTRIBUTE = "org.enverify.requestId";

    private LoggedAttributes() {}
}
