package org.enverify.realm;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.enverify.platform.net.HttpUrls;

/**
 * How a realm's health agency presents itself on the pages people see (the user-report web view),
 * as app sync copies it from the published app feed. Every part may be absent (null).
 *
 * @param backgroundColor {@code #rrggbb}, lower case
 * @param image an https URL of the agency's logo
 * @param defaultLocale the language tag pages fall back to, such as {@code en} or {@code es-MX}
 * @param learnMoreUrl an http(s) URL with more about reporting a test result
 */
public record AgencyBranding(String backgroundColor, String image, String defaultLocale, String learnMoreUrl) {

    public static final AgencyBranding NONE = new AgencyBranding(null, null, null, null);

    public AgencyBranding {
        backgroundColor = backgroundColor == null ? null : color(backgroundColor);
        image = image == null ? null : image(image);
        defaultLocale = defaultLocale == null ? null : locale(defaultLocale);
        learnMoreUrl = learnMoreUrl == null ? null : url(learnMoreUrl);
    }

    /** {@code #rrggbb} in lower case; the leading {@code #} may be missing. */
    public static String color(String value) {
        String color = value.trim().toLowerCase(Locale.ROOT);
        if (!color.startsWith("#")) {
            color = "#" + color;
        }
        if (!color.matches("#[0-9a-f]{6}")) {
            throw new IllegalArgumentException("'" + value + "' is not a color such as #1a73e8");
        }
        return color;
    }

    /**
     * An absolute https URL of printable ASCII, without user info, of at most 1,000 characters: pages load it from
     * its origin, which their content policy then names.
     */
    public static String image(String value) {
        String url = value.trim();
        if (url.length() <= 1000 && url.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            try {
                URI uri = new URI(url);
                if ("https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && uri.getUserInfo() == null) {
                    return url;
                }
            } catch (URISyntaxException e) {
                // refused below
            }
        }
        throw new IllegalArgumentException("'" + abbreviate(value) + "' is not an https URL");
    }

    /** The origin the image is loaded from, such as {@code https://example.org}; null without an image. */
    public String imageOrigin() {
        if (image == null) {
            return null;
        }
        URI uri = URI.create(image);
        return "https://" + uri.getRawAuthority().toLowerCase(Locale.ROOT);
    }

    /** An absolute http or https URL of at most 1,000 characters. */
    public static String url(String value) {
        return HttpUrls.check(value);
    }

    /** A language tag such as {@code en}, {@code es-MX} or {@code zh-Hant}; {@code _} is read as {@code -}. */
    public static String locale(String value) {
        String tag = value.trim().replace('_', '-');
        if (!tag.matches("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}")) {
            throw new IllegalArgumentException("'" + abbreviate(value) + "' is not a language tag such as en or es-MX");
        }
        return Locale.forLanguageTag(tag).toLanguageTag();
    }

    private static String abbreviate(String value) {
        return value.length() > 60 ? value.substring(0, 60) + "…" : value;
    }
}
