package org.enverify.platform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The documented variables whose name carries a key, such as
 * {@code ENVERIFY_SMS_TWILIO_FROM_NUMBERS_<LABEL>} and {@code ENVERIFY_JOBS_<NAME>_ENABLED}. Spring's
 * relaxed binding reads the underscores of {@code FROM_NUMBERS} and {@code EVENT_STREAM} as levels, so
 * it would bind neither; this maps them to the properties they document. A key is lower case, with a
 * dash for each underscore ({@code US_EAST} is {@code us-east}), as a key written in a property is.
 */
class KeyedVariablesEnvironment implements EnvironmentPostProcessor {

    static final String SOURCE_NAME = "enverifyKeyedVariables";

    private record Keyed(Pattern variable, String property) {}

    private static final List<Keyed> KEYED = List.of(
            new Keyed(
                    Pattern.compile("ENVERIFY_SMS_TWILIO_FROM_NUMBERS_([A-Z0-9_]+)"),
                    "enverify.sms.twilio.from-numbers[%s]"),
            new Keyed(Pattern.compile("ENVERIFY_JOBS_([A-Z0-9_]+)_(SCHEDULE|ENABLED)"), "enverify.jobs[%s].%s"));

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String sourceName : List.of(
                SecretFilesEnvironment.SOURCE_NAME, StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
            PropertySource<?> source = environment.getPropertySources().get(sourceName);
            if (source instanceof EnumerablePropertySource<?> variables) {
                for (String name : variables.getPropertyNames()) {
                    for (Keyed keyed : KEYED) {
                        Matcher matcher = keyed.variable().matcher(name);
                        if (matcher.matches()) {
                            properties.put(property(keyed, matcher), variables.getProperty(name));
                        }
                    }
                }
            }
        }
        if (!properties.isEmpty()) {
            environment
                    .getPropertySources()
                    .addAfter(
                            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                            new MapPropertySource(SOURCE_NAME, properties));
        }
    }

    private static String property(Keyed keyed, Matcher matcher) {
        String key = matcher.group(1).toLowerCase(Locale.ROOT).replace('_', '-');
        return matcher.groupCount() == 1
                ? keyed.property().formatted(key)
                : keyed.property().formatted(key, matcher.group(2).toLowerCase(Locale.ROOT));
    }
}
