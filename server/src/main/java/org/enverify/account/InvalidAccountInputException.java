package org.enverify.account;

import java.util.Map;

/**
 * Refused account input: for each field, the key of a message in {@code messages.properties}, so
 * forms show it in the reader's language.
 */
public class InvalidAccountInputException extends RuntimeException {

    private final Map<String, String> errors;

    public InvalidAccountInputException(Map<String, String> errors) {
        super(String.join(", ", errors.keySet()) + " refused");
        this.errors = Map.copyOf(errors);
    }

    public InvalidAccountInputException(String field, String messageKey) {
        this(Map.of(field, messageKey));
    }

    public Map<String, String> errors() {
        return errors;
    }
}
