package org.enverify.platform.net;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The rule for URLs that operators and realm administrators make this server call (event webhooks,
 * the user-report SMS webhook, key server statistics, the app feed, the OpenID Connect provider):
 * HTTPS to a public address ({@link OutboundAddresses}), so that no one can aim the server at its own
 * network. Checked when the URL is saved and again before each call and each redirect, since a name
 * may resolve differently later. {@code ENVERIFY_WEBHOOKS_ALLOW_PRIVATE} lifts the address rule.
 */
@Component
public class OutboundUrls {

    private final boolean allowPrivate;

    OutboundUrls(WebhookSettings settings) {
        this.allowPrivate = settings.allowPrivate();
    }

    /**
     * @return the URL, trimmed
     * @throws RefusedUrl saying why the URL is refused
     */
    public URI check(String value) {
        String text = value == null ? "" : value.trim();
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new RefusedUrl(RefusedUrl.Reason.NOT_A_URL);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (text.length() > 1000 || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new RefusedUrl(RefusedUrl.Reason.NOT_ABSOLUTE_HTTPS);
        }
        if (uri.getUserInfo() != null) {
            throw new RefusedUrl(RefusedUrl.Reason.CREDENTIALS);
        }
        if (allowPrivate) {
            return uri;
        }
        if (!scheme.equals("https")) {
            throw new RefusedUrl(RefusedUrl.Reason.NOT_HTTPS);
        }
        requirePublic(uri.getHost());
        return uri;
    }

    /**
     * The same address rule for a host this server connects to by another protocol (a realm's SMTP server),
     * checked when it is saved and again before each connection.
     *
     * @throws RefusedUrl {@code UNRESOLVED} or {@code NOT_PUBLIC}
     */
    public void checkHost(String host) {
        if (!allowPrivate) {
            requirePublic(host);
        }
    }

    private static void requirePublic(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new RefusedUrl(RefusedUrl.Reason.UNRESOLVED);
        }
        for (InetAddress address : addresses) {
            if (!OutboundAddresses.isPublic(address)) {
                throw new RefusedUrl(RefusedUrl.Reason.NOT_PUBLIC);
            }
        }
    }

    /** Checks a URL this server is about to call, such as a redirect's target. */
    public URI check(URI uri) {
        return check(uri.toString());
    }
}
