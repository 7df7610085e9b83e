package org.enverify.platform.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.core.type.classreading.SimpleMetadataReaderFactory;

/**
 * Every command group of the jar, read from the {@link CommandGroup} annotations in the class files
 * (without loading a class or starting anything), so that help and mistakes are answered at once.
 */
final class CommandCatalog {

    private static final String COMMAND_CLASSES = "classpath*:org/enverify/**/*Command*.class";

    /** One group: its name, its usage lines and the class that runs it. */
    record Group(String name, String usage, String className) {}

    private final Map<String, Group> groups;

    private CommandCatalog(Map<String, Group> groups) {
        this.groups = groups;
    }

    static CommandCatalog scan(ClassLoader classLoader) {
        PathMatchingResourcePatternResolver resources = new PathMatchingResourcePatternResolver(classLoader);
        MetadataReaderFactory readers = new SimpleMetadataReaderFactory(classLoader);
        Map<String, Group> groups = new TreeMap<>();
        try {
            for (Resource resource : resources.getResources(COMMAND_CLASSES)) {
                AnnotationMetadata metadata =
                        readers.getMetadataReader(resource).getAnnotationMetadata();
                Map<String, Object> group = metadata.getAnnotationAttributes(CommandGroup.class.getName());
                if (group == null) {
                    continue;
                }
                Group found =
                        new Group((String) group.get("name"), (String) group.get("usage"), metadata.getClassName());
                Group twin = groups.put(found.name(), found);
                if (twin != null) {
                    throw new IllegalStateException("Two command groups are named " + found.name() + ": "
                            + twin.className() + " and " + found.className());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the command classes", e);
        }
        return new CommandCatalog(groups);
    }

    Optional<Group> find(String name) {
        return Optional.ofNullable(groups.get(name));
    }

    Collection<Group> groups() {
        return groups.values();
    }

    /** The group whose name is the fewest single-letter edits away from {@code word}. */
    Group closest(String word) {
        return groups.values().stream()
                .min(Comparator.comparingInt((Group group) -> editDistance(word, group.name())))
                .orElseThrow();
    }

    /** Every group's usage, in alphabetical order, as {@code help} prints it. */
    String overview() {
        return groups.values().stream().map(Group::usage).collect(Collectors.joining("\n"));
    }

    /** Levenshtein distance: insertions, deletions and substitutions of single characters. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
