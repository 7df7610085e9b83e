package org.enverify.ui;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.enverify.platform.Refusal;
import org.enverify.platform.Refusal.Message;
import org.enverify.realm.RealmSettingsRefused;
import org.springframework.ui.Model;

/**
 * Re-renders a form with localized messages tied to its fields and status 422, as every form of the UI does
 * on refused input; the page shows {@code errors[field]} next to the field (see {@code fragments/forms.html}).
 */
public final class FormErrors {

    public static final String ATTRIBUTE = "errors";

    /** Unprocessable content: the request was understood, and refused as it is. */
    static final int REFUSED_STATUS = 422;

    private FormErrors() {}

    /** Shows, next to each field, the message with the key given for it. */
    public static String show(Model model, HttpServletResponse response, String view, Map<String, String> messageKeys) {
        Map<String, Message> messages = new LinkedHashMap<>();
        messageKeys.forEach((field, key) -> messages.put(field, new Message(key)));
        return showMessages(model, response, view, messages);
    }

    public static String show(Model model, HttpServletResponse response, String view, String field, String messageKey) {
        return show(model, response, view, Map.of(field, messageKey));
    }

    /** Shows a refusal's localized message next to each field it concerns. */
    public static String show(Model model, HttpServletResponse response, String view, Refusal refusal) {
        Map<String, Message> messages = refusal.shownByField();
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("the refusal shows no message about a field", refusal);
        }
        return showMessages(model, response, view, messages);
    }

    /** Shows each refused realm setting's localized problem next to it (the first, where it has several). */
    public static String show(Model model, HttpServletResponse response, String view, RealmSettingsRefused refused) {
        Map<String, Message> messages = new LinkedHashMap<>();
        for (Refusal refusal : refused.refusals()) {
            messages.putIfAbsent(
                    refusal.field().orElseThrow(), refusal.message().orElseThrow());
        }
        return showMessages(model, response, view, messages);
    }

    /** The model attribute for a page that shows the message with this key next to the field, status unchanged. */
    public static void add(Model model, String field, String messageKey) {
        model.addAttribute(ATTRIBUTE, Map.of(field, new Message(messageKey)));
    }

    private static String showMessages(
            Model model, HttpServletResponse response, String view, Map<String, Message> messages) {
        response.setStatus(REFUSED_STATUS);
        model.addAttribute(ATTRIBUTE, messages);
        return view;
    }
}
