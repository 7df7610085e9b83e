package org.enverify.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every text of the UI exists in English and Spanish, and every key a template names exists. */
class MessagesCompletenessTests {

    private static final Pattern TEMPLATE_KEY = Pattern.compile("#\\{([A-Za-z0-9_.-]+)[}(]");

    /** A call of a form fragment, whose labels, help and option labels are message keys given as text. */
    private static final Pattern FORM_FRAGMENT_CALL =
            Pattern.compile("fragments/forms :: \\w+\\((.*?)\\)}\"", Pattern.DOTALL);

    /** A message key in quotes ({@code 'field.email'}), or the prefix of option labels' keys ({@code 'apikeys.type.'}). */
    private static final Pattern QUOTED_KEY = Pattern.compile("'([A-Za-z][A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]+)+\\.?)'");

    @Test
    void englishAndSpanishHaveTheSameKeys() throws IOException {
        Set<String> english = keys("messages.properties");
        Set<String> spanish = keys("messages_es.properties");
        assertThat(difference(english, spanish))
                .as("keys missing in messages_es.properties")
                .isEmpty();
        assertThat(difference(spanish, english))
                .as("keys missing in messages.properties")
                .isEmpty();
    }

    @Test
    void noTranslationIsLeftEmpty() throws IOException {
        for (String file : new String[] {"messages.properties", "messages_es.properties"}) {
            Properties properties = load(file);
            assertThat(properties.stringPropertyNames())
                    .as("empty texts in " + file)
                    .allMatch(key -> !properties.getProperty(key).isBlank());
        }
    }

    @Test
    void everyKeyATemplateNamesExists() throws IOException {
        Set<String> english = keys("messages.properties");
        Set<String> missing = new TreeSet<>();
        try (Stream<Path> templates = Files.walk(Path.of("src/main/resources/templates"))) {
            for (Path template :
                    templates.filter(path -> path.toString().endsWith(".html")).toList()) {
                String text = Files.readString(template);
                Matcher matcher = TEMPLATE_KEY.matcher(text);
                while (matcher.find()) {
                    if (!english.contains(matcher.group(1))) {
                        missing.add(template.getFileName() + ": " + matcher.group(1));
                    }
                }
                Matcher call = FORM_FRAGMENT_CALL.matcher(text);
                while (call.find()) {
                    Matcher quoted = QUOTED_KEY.matcher(call.group(1));
                    while (quoted.find()) {
                        String key = quoted.group(1);
                        boolean named = key.endsWith(".")
                                ? english.stream().anyMatch(known -> known.startsWith(key))
                                : english.contains(key);
                        if (!named) {
                            missing.add(template.getFileName() + ": " + key);
                        }
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    private static Set<String> difference(Set<String> left, Set<String> right) {
        Set<String> result = new TreeSet<>(left);
        result.removeAll(right);
        return result;
    }

    private static Set<String> keys(String file) throws IOException {
        return new TreeSet<>(load(file).stringPropertyNames());
    }

    private static Properties load(String file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(
                MessagesCompletenessTests.class.getResourceAsStream("/" + file), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
