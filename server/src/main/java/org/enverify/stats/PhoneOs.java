package org.enverify.stats;

import java.util.Locale;

/**
 * The operating system of a phone that called the device API, as the statistics tell refusals
 * apart. Upstream reads it from the User-Agent the same way: the system HTTP clients of iOS send
 * {@code Darwin} or {@code iPhone}, Android's send {@code Dalvik}; anything else is unknown.
 */
public enum PhoneOs {
    UNKNOWN,
    IOS,
    ANDROID;

    /** @param userAgent the request's {@code User-Agent}, or null when it sent none */
    public static PhoneOs fromUserAgent(String userAgent) {
        String agent = userAgent == null ? "" : userAgent.toLowerCase(Locale.ROOT);
        if (agent.contains("darwin") || agent.contains("iphone")) {
            return IOS;
        }
        if (agent.contains("dalvik")) {
            return ANDROID;
        }
        return UNKNOWN;
    }
}
