package org.enverify.realm;

import java.util.Locale;
import org.enverify.platform.net.HttpUrls;

/**
 * How a realm's health agency presents itself on the pages people see (the user-report web view),
 * as app sync copies it from the published app feed. Every part may be absent (null).
 *
 * @param backgroundColor {@code #rrggbb}, lower case
 * @param image an http(s) URL of the agency's logo
 * @param defaultLocale the language tag pages fall back to, such as {@code en} or {@code es-MX}
 * @param learnMoreUrl an http(s) URL with more about reporting a test result
 */
public record AgencyBranding(String backgroundColor, String image, String defaultLocale, String learnMoreUrl) {

    public static final AgencyBranding NONE = new AgencyBranding(null, null, null, null);

    public AgencyBranding {
        backgroundColor = backgroundColor == null ? null : color(backgroundColor);
        image = image == null ? null : url(image);
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
