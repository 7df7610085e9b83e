package org.enverify.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.enverify.realm.RealmId;
import org.enverify.realm.RequestHost;

/**
 * The realm a web UI request works in: the one its host names ({@code <slug>.<host suffix>}), else the
 * one chosen after sign-in and kept in the session.
 */
public final class SelectedRealm {

    static final String SESSION_ATTRIBUTE = "enverify.selectedRealm";

    private SelectedRealm() {}

    public static Optional<RealmId> of(HttpServletRequest request) {
        RequestHost host = RequestHost.of(request);
        if (host.kind() == RequestHost.Kind.REALM_UI) {
            return Optional.of(host.realm());
        }
        HttpSession session = request.getSession(false);
        return session == null
                ? Optional.empty()
                : Optional.ofNullable((Long) session.getAttribute(SESSION_ATTRIBUTE))
                        .map(RealmId::new);
    }

    /** Whether the host fixes the realm, so there is nothing to choose. */
    public static boolean fixedByHost(HttpServletRequest request) {
        return RequestHost.of(request).kind() == RequestHost.Kind.REALM_UI;
    }

    public static void choose(HttpServletRequest request, RealmId realm) {
        request.getSession().setAttribute(SESSION_ATTRIBUTE, realm.value());
    }

    public static void forget(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(SESSION_ATTRIBUTE);
        }
    }
}
