package org.enverify.platform.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A command line after its group word: an action, {@code --option value} pairs (an option may be
 * repeated), {@code --flag}s and positional words.
 */
public final class CommandArguments {

    private final String action;
    private final Map<String, List<String>> options = new LinkedHashMap<>();
    private final List<String> positionals = new ArrayList<>();

    public CommandArguments(List<String> words) {
        this.action = words.isEmpty() ? "" : words.get(0);
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            if (word.startsWith("--")) {
                String name = word.substring(2);
                int equals = name.indexOf('=');
                if (equals >= 0) {
                    add(name.substring(0, equals), name.substring(equals + 1));
                } else if (i + 1 < words.size() && !words.get(i + 1).startsWith("--")) {
                    add(name, words.get(++i));
                } else {
                    add(name, "");
                }
            } else {
                positionals.add(word);
            }
        }
    }

    private void add(String name, String value) {
        options.computeIfAbsent(name, ignored -> new ArrayList<>()).add(value);
    }

    public String action() {
        return action;
    }

    /** The option's value; when it was given more than once, the last one. */
    public Optional<String> option(String name) {
        List<String> values = options.get(name);
        return values == null ? Optional.empty() : Optional.of(values.getLast());
    }

    /** Every value of a repeatable option, in the order given. */
    public List<String> options(String name) {
        return List.copyOf(options.getOrDefault(name, List.of()));
    }

    public String requireOption(String name) {
        String value = option(name).orElse(null);
        if (value == null || value.isBlank()) {
            throw new CommandException("--" + name + " is required");
        }
        return value;
    }

    /**
     * The trimmed content of the file the option names, for secrets that stay out of the command line (and so out
     * of the shell's history and the process list).
     */
    public Optional<String> secretFile(String name) {
        return option(name).filter(path -> !path.isBlank()).map(path -> {
            try {
                return Files.readString(Path.of(path), StandardCharsets.UTF_8).strip();
            } catch (IOException | InvalidPathException e) {
                throw new CommandException("Cannot read " + path);
            }
        });
    }

    public boolean flag(String name) {
        return options.containsKey(name);
    }

    public List<String> positionals() {
        return List.copyOf(positionals);
    }

    public long requireLong(String name) {
        return parseId(requireOption(name), "--" + name);
    }

    public static long parseId(String value, String what) {
        try {
            long id = Long.parseLong(value.trim());
            if (id <= 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw new CommandException(what + " must be a positive whole number, not '" + value + "'");
        }
    }
}
