package org.enverify.platform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.enverify.platform.api.ErrorCode;

/**
 * A request the domain refuses, in domain terms: the contract's error code, the English text of the API's
 * error object, the input field it concerns, and the key (with arguments) of the localized message a page
 * shows. It carries no HTTP status: the API's error advice maps the code to the contract's status, and pages
 * map the field to a localized message next to it. A form judged as a whole is refused about each of its
 * refused fields at once ({@link #ofEach}).
 */
public final class Refusal extends RuntimeException {

    private final ErrorCode code;
    private final String field;
    private final Message message;
    private final List<Refusal> parts;

    private Refusal(ErrorCode code, String apiText, String field, Message message, List<Refusal> parts) {
        super(apiText, null, false, false);
        this.code = code;
        this.field = field;
        this.message = message;
        this.parts = parts;
    }

    /** A refusal no page shows: it has no field and no message key until given them. */
    public static Refusal of(ErrorCode code, String apiText) {
        return new Refusal(code, apiText, null, null, List.of());
    }

    /**
     * One refusal of several fields, each {@link #about} its field and {@link #shown} as its message; its API
     * text names each field with that field's text.
     */
    public static Refusal ofEach(ErrorCode code, List<Refusal> refusedFields) {
        if (refusedFields.isEmpty()) {
            throw new IllegalArgumentException("a refusal of fields needs a refused field");
        }
        String apiText = refusedFields.stream()
                .map(part -> part.field().orElseThrow() + ": " + part.apiText())
                .collect(Collectors.joining("; "));
        return new Refusal(code, apiText, null, null, List.copyOf(refusedFields));
    }

    /** The same refusal, about the named input field. */
    public Refusal about(String inputField) {
        return new Refusal(code, apiText(), inputField, message, parts);
    }

    /** The same refusal, shown on a page as the message with this key, filled with these arguments. */
    public Refusal shown(String key, Object... arguments) {
        return new Refusal(code, apiText(), field, new Message(key, arguments), parts);
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

    /** The field an API's error object names: this refusal's own, or else the first refused field of the form. */
    public Optional<String> firstField() {
        return field().or(() -> parts.stream()
                .map(Refusal::firstField)
                .flatMap(Optional::stream)
                .findFirst());
    }

    public Optional<String> messageKey() {
        return message().map(Message::key);
    }

    /** What a page shows for this refusal, when it has a message key. */
    public Optional<Message> message() {
        return Optional.ofNullable(message);
    }

    /** The message a page shows next to each refused field, in the order they were judged. */
    public Map<String, Message> shownByField() {
        Map<String, Message> shown = new LinkedHashMap<>();
        if (field != null && message != null) {
            shown.put(field, message);
        }
        parts.forEach(part -> shown.putAll(part.shownByField()));
        return Collections.unmodifiableMap(shown);
    }

    /** Every message a page shows for this refusal: its own, then each refused field's. */
    public List<Message> messages() {
        List<Message> messages = new ArrayList<>();
        if (field == null && message != null) {
            messages.add(message);
        }
        messages.addAll(shownByField().values());
        return List.copyOf(messages);
    }

    /** The key of a localized message and the arguments that fill its placeholders. */
    public record Message(String key, Object... arguments) {

        public Message {
            arguments = arguments.clone();
        }

        @Override
        public Object[] arguments() {
            return arguments.clone();
        }
    }
}
