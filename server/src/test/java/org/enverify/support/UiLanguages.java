package org.enverify.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The languages of the UI: one per {@code messages*.properties} file, so a new file is tested without a change here. */
public final class UiLanguages {

    private static final Path RESOURCES = Path.of("src", "main", "resources");
    private static final Pattern MESSAGES = Pattern.compile("messages(?:_([A-Za-z_]+))?\\.properties");

    private UiLanguages() {}

    /** Language tags such as {@code en} (the default {@code messages.properties}) and {@code es}, sorted. */
    public static List<String> all() {
        try (Stream<Path> files = Files.list(RESOURCES)) {
            return files.map(file -> MESSAGES.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(name -> name.group(1) == null ? "en" : name.group(1).replace('_', '-'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
