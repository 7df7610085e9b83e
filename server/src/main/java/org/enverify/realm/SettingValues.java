package org.enverify.realm;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** Parses the text form of realm settings, as typed on the command line or into a form. */
final class SettingValues {

    private SettingValues() {}

    static boolean bool(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        };
    }

    static int integer(String text, int min, int max) {
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number from " + min + " to " + max);
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("must be from " + min + " to " + max);
        }
        return value;
    }

    static double decimal(String text, double min, double max) {
        double value;
        try {
            value = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a number from " + min + " to " + max);
        }
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException("must be from " + min + " to " + max);
        }
        return Math.round(value * 1000) / 1000.0;
    }

    /** Accepts {@code 900} (seconds), {@code 90s}, {@code 15m}, {@code 24h}, {@code 1d} or ISO-8601 {@code PT15M}. */
    static Duration duration(String text, Duration min, Duration max) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        Duration duration;
        try {
            if (value.startsWith("pt") || value.startsWith("p")) {
                duration = Duration.parse(value.toUpperCase(Locale.ROOT));
            } else if (value.matches("\\d{1,9}")) {
                duration = Duration.ofSeconds(Long.parseLong(value));
            } else if (value.matches("\\d{1,9}[smhd]")) {
                long amount = Long.parseLong(value.substring(0, value.length() - 1));
                duration = switch (value.charAt(value.length() - 1)) {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            } else {
                throw new IllegalArgumentException();
            }
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException("must be a duration such as 900, 15m or 24h");
        }
        if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
            throw new IllegalArgumentException("must be from " + describe(min) + " to " + describe(max));
        }
        return duration;
    }

    static String describe(Duration duration) {
        if (duration.toSeconds() % 3600 == 0) {
            return duration.toHours() + "h";
        }
        if (duration.toSeconds() % 60 == 0) {
            return duration.toMinutes() + "m";
        }
        return duration.toSeconds() + "s";
    }

    static Set<TestType> testTypes(String text) {
        Set<TestType> types = EnumSet.noneOf(TestType.class);
        for (String name : text.split(",")) {
            if (name.isBlank()) {
                continue;
            }
            types.add(TestType.fromApiName(name)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "'" + name.trim() + "' is not one of confirmed, likely, negative, user-report")));
        }
        if (types.isEmpty()) {
            throw new IllegalArgumentException("must allow at least one test type");
        }
        return types;
    }

    static String text(String value, int maxLength) {
        String trimmed = value.trim();
        if (trimmed.length() > maxLength) {
            throw new IllegalArgumentException("must be at most " + maxLength + " characters");
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("must not contain control characters");
        }
        return trimmed;
    }
}
