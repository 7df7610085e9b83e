package org.enverify.mobileapp;

import java.util.Map;
import java.util.stream.Collectors;

/** A refused phone app: a message a person can act on for each refused field. */
public class InvalidMobileAppException extends RuntimeException {

    private final Map<String, String> errors;

    public InvalidMobileAppException(Map<String, String> errors) {
        super(errors.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("; ")));
        this.errors = Map.copyOf(errors);
    }

    public Map<String, String> errors() {
        return errors;
    }
}
