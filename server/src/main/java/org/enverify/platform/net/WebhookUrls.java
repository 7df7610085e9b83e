package org.enverify.platform.net;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The rule for URLs that realm administrators make this server call (event webhooks, the user-report
 * SMS webhook): HTTPS to a public address, so that no one can aim the server at its own network.
 * Checked when the URL is saved and again before each call, since a name may resolve differently later.
 */
@Component
public class WebhookUrls {

    private final boolean allowPrivate;

    WebhookUrls(WebhookSettings settings) {
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
            if (isInternal(address)) {
                throw new IllegalArgumentException(
                        "resolves to a private, loopback or link-local address, which webhooks may not call");
            }
        }
        return uri;
    }

    static boolean isInternal(InetAddress address) {
        byte[] bytes = address.getAddress();
        boolean uniqueLocalV6 = bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
        boolean carrierGradeNat = bytes.length == 4 && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
        return address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()
                || uniqueLocalV6
                || carrierGradeNat;
    }
}
