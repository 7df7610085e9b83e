package org.enverify.realm;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * How one realm setting reads and prints its text form: the form typed on the command line or into the
 * settings page, shown in audit diffs and stored. {@link #print} of a parsed value parses to the same value.
 * A refused text throws {@link SettingValueRefused}.
 */
public interface RealmSettingType<V> {

    V parse(String text);

    String print(V value);

    /** How a person enters the text form on a page. */
    Entry entry();

    /**
     * The control a person enters the text form with: yes or no; one line or several lines of at most {@code
     * maxLength} characters; a whole number from {@code min} to {@code max}; one of {@code options}; or any of
     * {@code options}, whose text form is the chosen ones joined by commas. An option's label is the message
     * {@code setting.<name>.option.<option>}.
     */
    record Entry(Kind kind, int maxLength, Integer min, Integer max, List<String> options) {

        public enum Kind {
            YES_NO,
            LINE,
            LINES,
            NUMBER,
            ONE_OF,
            ANY_OF
        }

        public Entry {
            options = List.copyOf(options);
        }

        static final Entry YES_NO = new Entry(Kind.YES_NO, 5, null, null, List.of());

        /** One line: any setting whose type does not say otherwise. */
        public static Entry line(int maxLength) {
            return new Entry(Kind.LINE, maxLength, null, null, List.of());
        }

        /** Text of several lines, such as a message template. */
        public static Entry lines(int maxLength) {
            return new Entry(Kind.LINES, maxLength, null, null, List.of());
        }

        static Entry number(int min, int max) {
            return new Entry(Kind.NUMBER, 11, min, max, List.of());
        }

        /** One choice of a few, such as a mode. */
        public static Entry oneOf(List<String> options) {
            return new Entry(Kind.ONE_OF, longest(options), null, null, options);
        }

        /** Any number of choices of a few, such as the test types a realm allows. */
        public static Entry anyOf(List<String> options) {
            return new Entry(Kind.ANY_OF, String.join(",", options).length(), null, null, options);
        }

        private static int longest(List<String> options) {
            return options.stream().mapToInt(String::length).max().orElse(0);
        }
    }

    /** A setting entered as one line of up to 2,000 characters. */
    static <V> RealmSettingType<V> of(Function<String, V> parser, Function<V, String> printer) {
        return of(parser, printer, Entry.line(2000));
    }

    static <V> RealmSettingType<V> of(Function<String, V> parser, Function<V, String> printer, Entry entry) {
        return new RealmSettingType<>() {
            @Override
            public V parse(String text) {
                return parser.apply(text);
            }

            @Override
            public String print(V value) {
                return printer.apply(value);
            }

            @Override
            public Entry entry() {
                return entry;
            }
        };
    }

    /** {@code true}, {@code yes}, {@code on}, {@code 1} or their opposites; printed {@code true} or {@code false}. */
    static RealmSettingType<Boolean> bool() {
        return of(
                text -> switch (text.trim().toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "on", "1" -> true;
                    case "false", "no", "off", "0" -> false;
                    default -> throw new SettingValueRefused("setting.error.bool");
                },
                value -> Boolean.toString(value),
                Entry.YES_NO);
    }

    static RealmSettingType<Integer> integer(int min, int max) {
        return of(
                text -> {
                    int value;
                    try {
                        value = Integer.parseInt(text.trim());
                    } catch (NumberFormatException e) {
                        throw new SettingValueRefused(
                                "setting.error.wholeNumber", Integer.toString(min), Integer.toString(max));
                    }
                    if (value < min || value > max) {
                        throw new SettingValueRefused(
                                "setting.error.range", Integer.toString(min), Integer.toString(max));
                    }
                    return value;
                },
                value -> Integer.toString(value),
                Entry.number(min, max));
    }

    /** A number rounded to three decimals. */
    static RealmSettingType<Double> decimal(double min, double max) {
        return of(
                text -> {
                    double value;
                    try {
                        value = Double.parseDouble(text.trim());
                    } catch (NumberFormatException e) {
                        throw new SettingValueRefused(
                                "setting.error.number", Double.toString(min), Double.toString(max));
                    }
                    if (!(value >= min && value <= max)) {
                        throw new SettingValueRefused(
                                "setting.error.range", Double.toString(min), Double.toString(max));
                    }
                    return Math.round(value * 1000) / 1000.0;
                },
                value -> Double.toString(value));
    }

    /**
     * Accepts {@code 900} (seconds), {@code 90s}, {@code 15m}, {@code 24h}, {@code 1d} or ISO-8601 {@code PT15M};
     * prints whole hours as {@code 24h}, whole minutes as {@code 15m}, else seconds as {@code 90s}.
     */
    static RealmSettingType<Duration> duration(Duration min, Duration max) {
        return of(text -> parseDuration(text, min, max), RealmSettingType::describe);
    }

    /** Trimmed text of at most {@code maxLength} characters, without control characters. */
    static RealmSettingType<String> text(int maxLength) {
        return of(
                value -> {
                    String trimmed = value.trim();
                    if (trimmed.length() > maxLength) {
                        throw new SettingValueRefused("setting.error.tooLong", Integer.toString(maxLength));
                    }
                    if (trimmed.chars().anyMatch(Character::isISOControl)) {
                        throw new SettingValueRefused("setting.error.controlCharacters");
                    }
                    return trimmed;
                },
                value -> value,
                Entry.line(maxLength));
    }

    private static Duration parseDuration(String text, Duration min, Duration max) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        Duration duration;
        try {
            if (value.startsWith("p")) {
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
                throw new SettingValueRefused("setting.error.duration");
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new SettingValueRefused("setting.error.duration");
        }
        if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
            throw new SettingValueRefused("setting.error.range", describe(min), describe(max));
        }
        return duration;
    }

    private static String describe(Duration duration) {
        if (duration.toSeconds() % 3600 == 0) {
            return duration.toHours() + "h";
        }
        if (duration.toSeconds() % 60 == 0) {
            return duration.toMinutes() + "m";
        }
        return duration.toSeconds() + "s";
    }
}
