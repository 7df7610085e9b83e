package org.enverify.realm;

import jakarta.servlet.ServletRequest;

/**
 * What the Host of a request selected, resolved once at the edge by the host filter and handed on
 * as the request attribute {@link #ATTRIBUTE}.
 *
 * @param realm a realm host's realm, or the realm whose region a redirect host names; null for none
 * @param region the region code a redirect host names, upper case, which is {@code realm}'s when a realm has it;
 *     null on other hosts and on redirect hosts that name no region (the bare redirect domain)
 */
public record RequestHost(Kind kind, RealmId realm, String region) {

    public static final String ATTRIBUTE = RequestHost.class.getName();

    /** Any host that selects nothing: every realm, as without realm hosts. */
    public static final RequestHost MAIN = new RequestHost(Kind.MAIN, null, null);

    public enum Kind {
        /** The installation's own host, or any host when host names are not interpreted. */
        MAIN,
        /** An app-link host of the redirect role ({@code ENVERIFY_REDIRECT_DOMAIN}, {@code ENVERIFY_REDIRECT_HOSTS}). */
        REDIRECT,
        /** {@code <slug>.<host suffix>}: the realm's web UI and public keys. */
        REALM_UI,
        /** {@code <slug>-api.<host suffix>}: the device and admin APIs for the realm's keys only. */
        REALM_API
    }

    /** The host the filter resolved; {@link #MAIN} where it resolved none (the routes served on every host). */
    public static RequestHost of(ServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof RequestHost host ? host : MAIN;
    }

    /** Whether a request on this host may work in {@code other}: only a realm host is confined to its realm. */
    public boolean admits(RealmId other) {
        return (kind != Kind.REALM_UI && kind != Kind.REALM_API) || realm.equals(other);
    }
}
