package org.enverify.ui;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.enverify.platform.Refusal;
import org.springframework.ui.Model;

/**
 * Re-renders a form with messages tied to its fields and status 422, as every form of the UI does on
 * refused input; the page shows {@code errors[field]} next to the field (see {@code fragments/forms.html}).
 */
public final class FormErrors {

    public static final String ATTRIBUTE = "errors";

    private FormErrors() {}

    public static String show(Model model, HttpServletResponse response, String view, Map<String, String> errors) {
        response.setStatus(422);
        model.addAttribute(ATTRIBUTE, errors);
        return view;
    }

    public static String show(Model model, HttpServletResponse response, String view, String field, String messageKey) {
        return show(model, response, view, Map.of(field, messageKey));
    }

    /** Shows a refusal's message next to the field it concerns; its English text until it has a message key. */
    public static String show(Model model, HttpServletResponse response, String view, Refusal refusal) {
        return show(
                model,
                response,
                view,
                refusal.field().orElseThrow(() -> new IllegalArgumentException("the refusal concerns no field")),
                refusal.messageKey().orElse(refusal.apiText()));
    }
}
