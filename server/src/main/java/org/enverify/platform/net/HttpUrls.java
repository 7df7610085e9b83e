package org.enverify.platform.net;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** The one rule for URLs that operators or feeds give us: absolute http(s), at most 1,000 characters. */
public final class HttpUrls {

    private HttpUrls() {}

    /** @return the URL, trimmed @throws IllegalArgumentException when it is not an absolute http(s) URL */
    public static String check(String value) {
        String url = value.trim();
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (url.length() <= 1000 && (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        String shown = value.length() > 60 ? value.substring(0, 60) + "…" : value;
        throw new IllegalArgumentException("'" + shown + "' is not an http(s) URL");
    }
}
