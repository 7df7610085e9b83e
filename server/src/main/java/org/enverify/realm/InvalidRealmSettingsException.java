package org.enverify.realm;

import java.util.Map;
import java.util.stream.Collectors;

/** Refused realm settings, each with a message a person can act on, keyed by setting name. */
public class InvalidRealmSettingsException extends RuntimeException {

    private final Map<String, String> errors;

    public InvalidRealmSettingsException(Map<String, String> errors) {
        super(errors.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("; ")));
        this.errors = Map.copyOf(errors);
    }

    public Map<String, String> errors() {
        return errors;
    }
}
