package org.enverify.mailoutbox;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks the secrets in the links of a mail's text: in every http(s) URL, each run of 16 or more
 * token characters after the host (a path segment, a query value, a fragment) keeps its first four
 * characters and loses the rest. A masked link still says where it leads, and opens nothing.
 */
final class MailLinks {

    private static final Pattern URL = Pattern.compile("(https?://[^/\\s?#]+)([^\\s]*)");
    private static final Pattern TOKEN = Pattern.compile("([A-Za-z0-9_~.%-]{4})[A-Za-z0-9_~.%-]{12,}");

    private MailLinks() {}

    static String mask(String text) {
        if (text == null) {
            return null;
        }
        Matcher url = URL.matcher(text);
        StringBuilder masked = new StringBuilder();
        while (url.find()) {
            String rest = TOKEN.matcher(url.group(2)).replaceAll("$1…");
            url.appendReplacement(masked, Matcher.quoteReplacement(url.group(1) + rest));
        }
        url.appendTail(masked);
        return masked.toString();
    }
}
