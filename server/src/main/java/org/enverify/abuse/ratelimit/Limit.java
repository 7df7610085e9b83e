package org.enverify.abuse.ratelimit;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code tokens} requests per {@code interval}, refilled smoothly. */
record Limit(long tokens, Duration interval) {

    private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{1,9})([smhd])\\s*");

    /**
     * Reads {@code <tokens>/<interval>} such as {@code 60/1m}; intervals are whole seconds, minutes,
     * hours or days.
     *
     * @throws IllegalArgumentException naming the variable, for anything else
     */
    static Limit parse(String variable, String text) {
        Matcher matcher = FORM.matcher(text == null ? "" : text);
        if (!matcher.matches()) {
            throw invalid(variable, text);
        }
        long tokens = Long.parseLong(matcher.group(1));
        long amount = Long.parseLong(matcher.group(2));
        if (tokens == 0 || amount == 0) {
            throw invalid(variable, text);
        }
        Duration interval = switch (matcher.group(3)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        return new Limit(tokens, interval);
    }

    private static IllegalArgumentException invalid(String variable, String text) {
        return new IllegalArgumentException(variable + " is '" + text
                + "'; write <tokens>/<interval> with both above zero and the interval in s, m, h or d, such as 60/1m");
    }
}
