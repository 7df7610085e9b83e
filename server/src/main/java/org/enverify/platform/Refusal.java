package org.enverify.platform;

import java.util.List;
import java.util.Optional;
import org.enverify.platform.api.ErrorCode;

/**
 * A request the domain refuses, in domain terms: the contract's error code, the English text of the API's
 * error object, the input field it concerns, and the key of the localized message a page shows. It carries
 * no HTTP status: the API's error advice maps the code to the contract's status, and pages map the field to
 * a localized message next to it.
 */
public final class Refusal extends RuntimeException {

    private final ErrorCode code;
    private final String field;
    private final String messageKey;
    private final List<Object> messageArguments;

    private Refusal(ErrorCode code, String apiText, String field, String messageKey) {
        this(code, apiText, field, messageKey, List.of());
    }

    private Refusal(ErrorCode code, String apiText, String field, String messageKey, List<Object> messageArguments) {
        super(apiText, null, false, false);
        this.code = code;
        this.field = field;
        this.messageKey = messageKey;
        this.messageArguments = messageArguments;
    }

    /** A refusal no page shows: it has no field and no message key until given them. */
    public static Refusal of(ErrorCode code, String apiText) {
        return new Refusal(code, apiText, null, null);
    }

    /** The same refusal, about the named input field. */
    public Refusal about(String inputField) {
        return new Refusal(code, apiText(), inputField, messageKey);
    }

    /** The same refusal, shown on a page as the message with this key. */
    public Refusal shown(String key) {
        return new Refusal(code, apiText(), field, key);
    }

    /** The same refusal, shown on a page as the message with this key, filled with these arguments. */
    public Refusal shown(String key, List<?> arguments) {
        return new Refusal(code, apiText(), field, key, List.<Object>copyOf(arguments));
    }

    public ErrorCode code() {
        return code;
    }

    /** The {@code error} text of the API's error object (English, part of the wire contract). */
    public String apiText() {
        return getMessage();
    }

    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    public Optional<String> messageKey() {
        return Optional.ofNullable(messageKey);
    }

    /** The arguments of the message {@link #messageKey()} names; empty when it takes none. */
    public List<Object> messageArguments() {
        return messageArguments;
    }
}
