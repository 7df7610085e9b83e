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
     * @throws IllegalArgumentException saying why the URL is refused
     */
    public URI check(String value) {
        String text = value == null ? "" : value.trim();
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (text.length() > 1000 || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("must be an absolute https URL of at most 1000 characters");
        }
        if (uri.getUserInfo() != null) {
            throw new IllegalArgumentException("must not carry a user name or password");
        }
        if (allowPrivate) {
            return uri;
        }
        if (!scheme.equals("https")) {
            throw new IllegalArgumentException("must use https");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("names a host that does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!OutboundAddresses.isPublic(address)) {
                throw new IllegalArgumentException("resolves to a private, loopback or link-local address or another"
                        + " special-purpose one, which this server may not call");
            }
        }
        return uri;
    }

    /** Checks a URL this server is about to call, such as a redirect's target. */
    public URI check(URI uri) {
        return check(uri.toString());
    }
}
