package org.enverify.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * Every variable of the README's configuration table reaches the setting it documents: each is set
 * alone in a process environment, and the application's settings records, {@code application.yml}
 * and {@code @Value} placeholders must pick it up.
 */
class DocumentedVariablesTests {

    private static final String SAMPLE = "4242";

    private static final List<Class<?>> SETTINGS_TYPES = settingsTypes();

    /** Read by the launcher from the process environment before Spring starts (logging, tracing agent). */
    private static final Set<String> READ_BEFORE_SPRING = Set.of("ENVERIFY_LOG_FORMAT", "ENVERIFY_OTLP_ENDPOINT");

    private static final Pattern VARIABLE = Pattern.compile("`(ENVERIFY_[A-Z0-9_<>*]+|_[A-Z0-9_]+)`");

    @Test
    @Tag("security")
    void everyDocumentedVariableBinds() throws IOException {
        List<String> variables = documentedVariables();
        assertThat(variables).hasSizeGreaterThan(100).contains("ENVERIFY_SMS_TWILIO_FROM_NUMBERS_MAIN");
        assertThat(SETTINGS_TYPES).hasSizeGreaterThan(20);
        Set<String> baseline = bound(Map.of());
        List<String> ignored = new ArrayList<>();
        for (String variable : variables) {
            if (READ_BEFORE_SPRING.contains(variable)) {
                continue;
            }
            Set<String> bound = bound(Map.of(variable, SAMPLE));
            bound.removeAll(baseline);
            if (bound.isEmpty()) {
                ignored.add(variable);
            }
        }
        assertThat(ignored).as("documented variables that bind to nothing").isEmpty();
    }

    @Test
    @Tag("security")
    void systemSenderLabelsAreLowerCaseWhicheverFormTheVariableTakes() {
        Map<String, Object> variables = Map.of(
                "ENVERIFY_SMS_TWILIO_FROM_NUMBERS_MAIN", "+15550100",
                "ENVERIFY_SMS_TWILIO_FROM_NUMBERS_US_EAST", "MG0123",
                "ENVERIFY_SMS_TWILIO_FROMNUMBERS_SPARE", "+15550101");
        Binder binder = Binder.get(environment(variables));
        Map<String, String> numbers = binder.bind(
                        "enverify.sms.twilio.from-numbers", Bindable.mapOf(String.class, String.class))
                .get();
        assertThat(numbers).isEqualTo(Map.of("main", "+15550100", "us-east", "MG0123", "spare", "+15550101"));
    }

    @Test
    void aTaskWithADashInItsNameIsConfiguredByItsDocumentedVariable() {
        Binder binder = Binder.get(environment(Map.of(
                "ENVERIFY_JOBS_EVENT_STREAM_ENABLED", "false", "ENVERIFY_JOBS_CLEANUP_SCHEDULE", "DAILY|04:00")));
        assertThat(binder.bind("enverify.jobs.event-stream.enabled", Boolean.class)
                        .get())
                .isFalse();
        assertThat(binder.bind("enverify.jobs.cleanup.schedule", String.class).get())
                .isEqualTo("DAILY|04:00");
    }

    /** The names in the first column of the README's configuration table, with placeholders filled in. */
    private static List<String> documentedVariables() throws IOException {
        Set<String> names = new LinkedHashSet<>();
        for (String line : Files.readAllLines(readme())) {
            if (!line.startsWith("| `ENVERIFY_")) {
                continue;
            }
            String first = line.substring(1, line.indexOf('|', 1));
            Matcher matcher = VARIABLE.matcher(first);
            String previous = null;
            while (matcher.find()) {
                String name = matcher.group(1);
                if (name.startsWith("_") && previous != null) {
                    // `X_MIN_AGE` / `_MAX_AGE`: the suffix replaces the previous name's last two words
                    name = previous.substring(0, previous.lastIndexOf('_', previous.lastIndexOf('_') - 1)) + name;
                }
                previous = name;
                if (name.contains("*")) {
                    continue;
                }
                names.add(name.replace("<LABEL>", "MAIN").replace("<NAME>", "EVENT_STREAM"));
            }
        }
        return List.copyOf(names);
    }

    private static Path readme() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("README.md")) && Files.exists(here.resolve("server"))
                ? here.resolve("README.md")
                : here.getParent().resolve("README.md");
    }

    /** What the settings records, application.yml and @Value placeholders take from these variables. */
    private static Set<String> bound(Map<String, Object> variables) throws IOException {
        StandardEnvironment environment = environment(variables);
        Set<String> bound = new TreeSet<>();
        Binder binder = Binder.get(environment);
        BindHandler recorder = new BindHandler() {
            @Override
            public Object onSuccess(
                    ConfigurationPropertyName name, Bindable<?> target, BindContext context, Object result) {
                if (context.getConfigurationProperty() != null) {
                    bound.add(name.toString());
                }
                return result;
            }

            @Override
            public Object onFailure(
                    ConfigurationPropertyName name, Bindable<?> target, BindContext context, Exception error) {
                bound.add(name.toString());
                return null;
            }
        };
        for (Class<?> settings : SETTINGS_TYPES) {
            ConfigurationProperties annotation = settings.getAnnotation(ConfigurationProperties.class);
            String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
            try {
                binder.bind(prefix, Bindable.of(settings), recorder);
            } catch (RuntimeException refused) {
                // the sample value may break a record's own rules; what was bound is recorded already
            }
        }
        for (String property : ymlAndValueProperties(environment)) {
            try {
                String value = environment.getProperty(property);
                if (value != null && value.contains(SAMPLE)) {
                    bound.add(property);
                }
            } catch (RuntimeException unresolvable) {
                // a placeholder without a default and without the variable
            }
        }
        return bound;
    }

    private static StandardEnvironment environment(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        environment
                .getPropertySources()
                .replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new HashMap<>(variables)));
        try {
            for (PropertySource<?> yml :
                    new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))) {
                environment.getPropertySources().addLast(yml);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        new SecretFilesEnvironment().postProcessEnvironment(environment, null);
        new KeyedVariablesEnvironment().postProcessEnvironment(environment, null);
        ConfigurationPropertySources.attach(environment);
        return environment;
    }

    private static Set<String> ymlAndValueProperties(StandardEnvironment environment) throws IOException {
        Set<String> properties = new TreeSet<>();
        environment.getPropertySources().stream()
                .filter(source -> source.getName().contains("application.yml"))
                .forEach(source ->
                        properties.addAll(List.of(((EnumerablePropertySource<?>) source).getPropertyNames())));
        Pattern placeholder = Pattern.compile("@Value\\(\"\\$\\{([^:}]+)");
        Path sources = Path.of("src/main/java").toAbsolutePath();
        if (!Files.exists(sources)) {
            sources = Path.of("server/src/main/java").toAbsolutePath();
        }
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher matcher = placeholder.matcher(Files.readString(file));
                while (matcher.find()) {
                    properties.add(matcher.group(1));
                }
            }
        }
        return properties;
    }

    private static List<Class<?>> settingsTypes() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        List<Class<?>> types = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("org.enverify")) {
            try {
                types.add(Class.forName(candidate.getBeanClassName()));
            } catch (ClassNotFoundException e) {
                throw new AssertionError(e);
            }
        }
        return types;
    }
}
