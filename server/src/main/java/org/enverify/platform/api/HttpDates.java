package org.enverify.platform.api;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Timestamps as the contract writes them: RFC 1123 in UTC, e.g. {@code Mon, 02 Jan 2006 15:04:05 UTC}. */
public final class HttpDates {

    private static final DateTimeFormatter RFC_1123_UTC = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private HttpDates() {}

    public static String format(Instant instant) {
        return RFC_1123_UTC.format(instant);
    }
}
