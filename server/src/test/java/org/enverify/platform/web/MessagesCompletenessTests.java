package org.enverify.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.text.MessagePattern;
import com.ibm.icu.text.PluralRules;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every text of the UI exists in every language file of {@code messages}, every text of the user-report web view in
 * every file of {@code userreport/messages}; every text is ICU syntax with the arguments of its English text and the
 * plural forms of its language; and every key a template names exists.
 */
class MessagesCompletenessTests {

    private static final Path RESOURCES = Path.of("src/main/resources");

    private static final Pattern TEMPLATE_KEY = Pattern.compile("#\\{([A-Za-z0-9_.-]+)[}(]");

    /** A call of a form fragment, whose labels, help and option labels are message keys given as text. */
    private static final Pattern FORM_FRAGMENT_CALL =
            Pattern.compile("fragments/forms :: \\w+\\((.*?)\\)}\"", Pattern.DOTALL);

    /** A message key in quotes ({@code 'field.email'}), or the prefix of option labels' keys ({@code 'apikeys.type.'}). */
    private static final Pattern QUOTED_KEY = Pattern.compile("'([A-Za-z][A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]+)+\\.?)'");

    private static final List<String> BUNDLES = List.of("messages", "userreport/messages");

    /** Every translation of every bundle: the file beside its English base file. */
    static Stream<Path> translations() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String bundle : BUNDLES) {
            Path base = RESOURCES.resolve(bundle + ".properties");
            String prefix = base.getFileName().toString().replace(".properties", "_");
            try (Stream<Path> siblings = Files.list(base.getParent())) {
                siblings.filter(file -> file.getFileName().toString().startsWith(prefix)
                                && file.toString().endsWith(".properties"))
                        .sorted()
                        .forEach(files::add);
            }
        }
        return files.stream();
    }

    static Stream<Path> everyFile() throws IOException {
        return Stream.concat(BUNDLES.stream().map(bundle -> RESOURCES.resolve(bundle + ".properties")), translations());
    }

    @Test
    void theUiHasItsLanguagesAndTheWebViewUpstreamsThirtySeven() throws IOException {
        List<String> files = translations()
                .map(file -> RESOURCES.relativize(file).toString())
                .toList();
        assertThat(files)
                .contains(
                        "messages_ar.properties",
                        "messages_de.properties",
                        "messages_es.properties",
                        "messages_fr.properties",
                        "messages_it.properties",
                        "messages_pt.properties");
        assertThat(files.stream().filter(file -> file.startsWith("userreport/")))
                .hasSize(36);
    }

    @ParameterizedTest
    @MethodSource("translations")
    void everyLanguageHasEveryKeyOfEnglish(Path file) throws IOException {
        Set<String> english = keys(englishOf(file));
        Set<String> translated = keys(file);
        assertThat(difference(english, translated))
                .as("keys missing in " + file)
                .isEmpty();
        assertThat(difference(translated, english))
                .as("keys of " + file + " that English lacks")
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("everyFile")
    void noTranslationIsLeftEmpty(Path file) throws IOException {
        Properties properties = load(file);
        assertThat(properties.stringPropertyNames())
                .as("empty texts in " + file)
                .allMatch(key -> !properties.getProperty(key).isBlank());
    }

    /**
     * Each text parses as ICU syntax, uses the same arguments as its English text (none lost, none invented), and
     * names only plural forms its language has.
     */
    @ParameterizedTest
    @MethodSource("everyFile")
    void everyTextIsIcuSyntaxWithTheArgumentsOfEnglish(Path file) throws IOException {
        Properties english = load(englishOf(file));
        Properties translated = load(file);
        Locale language = languageOf(file);
        Set<String> pluralForms = PluralRules.forLocale(language).getKeywords();
        List<String> problems = new ArrayList<>();
        for (String key : new TreeSet<>(translated.stringPropertyNames())) {
            try {
                new MessageFormat(translated.getProperty(key), language);
                Set<String> unknownForms = new TreeSet<>(pluralForms(translated.getProperty(key)));
                unknownForms.removeAll(pluralForms);
                if (!unknownForms.isEmpty()) {
                    problems.add(key + ": plural forms " + unknownForms + " that " + language + " lacks");
                }
                if (english.containsKey(key)
                        && !arguments(english.getProperty(key)).equals(arguments(translated.getProperty(key)))) {
                    problems.add(key + ": arguments " + arguments(translated.getProperty(key)) + " where English has "
                            + arguments(english.getProperty(key)));
                }
            } catch (IllegalArgumentException e) {
                problems.add(key + ": " + e.getMessage());
            }
        }
        assertThat(problems).as(file.toString()).isEmpty();
    }

    @Test
    void theWebViewNamesOnlyKeysOfItsOwnMessages() throws IOException {
        Set<String> webView = keys(RESOURCES.resolve("userreport/messages.properties"));
        Matcher matcher =
                TEMPLATE_KEY.matcher(Files.readString(RESOURCES.resolve("templates/userreport/web-view.html")));
        Set<String> named = new TreeSet<>();
        while (matcher.find()) {
            named.add(matcher.group(1));
        }
        assertThat(named).isNotEmpty();
        assertThat(difference(named, webView)).isEmpty();
    }

    @Test
    void everyKeyATemplateNamesExists() throws IOException {
        Set<String> english = new TreeSet<>();
        for (String bundle : BUNDLES) {
            english.addAll(keys(RESOURCES.resolve(bundle + ".properties")));
        }
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

    /** The argument numbers a text uses, wherever they are (plural and select forms included). */
    private static Set<Integer> arguments(String text) {
        MessagePattern pattern = new MessagePattern(text);
        Set<Integer> numbers = new TreeSet<>();
        for (int i = 0; i < pattern.countParts(); i++) {
            if (pattern.getPartType(i) == MessagePattern.Part.Type.ARG_NUMBER) {
                numbers.add(pattern.getPart(i).getValue());
            }
        }
        return numbers;
    }

    /** The keywords of every plural choice in a text ({@code one}, {@code other}; {@code =0} is not a keyword). */
    private static Set<String> pluralForms(String text) {
        MessagePattern pattern = new MessagePattern(text);
        Set<String> forms = new TreeSet<>();
        for (int i = 0; i < pattern.countParts(); i++) {
            MessagePattern.Part part = pattern.getPart(i);
            if (part.getType() == MessagePattern.Part.Type.ARG_START
                    && part.getArgType() == MessagePattern.ArgType.PLURAL) {
                int limit = pattern.getLimitPartIndex(i);
                for (int j = i + 1; j < limit; j++) {
                    MessagePattern.Part selector = pattern.getPart(j);
                    if (selector.getType() == MessagePattern.Part.Type.ARG_SELECTOR
                            && !pattern.getSubstring(selector).startsWith("=")) {
                        forms.add(pattern.getSubstring(selector));
                    }
                }
            }
        }
        return forms;
    }

    private static Path englishOf(Path file) {
        String name = file.getFileName().toString();
        int cut = name.indexOf('_');
        return cut < 0 ? file : file.resolveSibling(name.substring(0, cut) + ".properties");
    }

    private static Locale languageOf(Path file) {
        String name = file.getFileName().toString().replace(".properties", "");
        int cut = name.indexOf('_');
        return cut < 0
                ? Locale.ENGLISH
                : Locale.forLanguageTag(name.substring(cut + 1).replace('_', '-'));
    }

    private static Set<String> keys(Path file) throws IOException {
        return new TreeSet<>(load(file).stringPropertyNames());
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
