package org.enverify.ui;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * The page that asks before a {@link Confirm} action runs, for browsers without JavaScript (and for any post that
 * skipped the dialog): the question, the consequences, a button that posts the same fields again with
 * {@code confirmed=yes}, and a way back to the page the person came from.
 */
@ControllerAdvice(annotations = UiController.class)
class ConfirmationPageAdvice {

    private static final int LONGEST_SUBJECT = 200;

    @ExceptionHandler(ConfirmationInterceptor.ConfirmationRequired.class)
    String ask(ConfirmationInterceptor.ConfirmationRequired required, HttpServletRequest request, Model model) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (!name.equals("_csrf") && !name.equals(ConfirmationInterceptor.CONFIRMED)) {
                fields.put(name, List.of(values));
            }
        });
        String subject = request.getParameter("confirmSubject");
        model.addAttribute("ui", request.getAttribute(UiContext.ATTRIBUTE));
        model.addAttribute("action", required.action());
        model.addAttribute("target", request.getServletPath());
        model.addAttribute("fields", fields);
        model.addAttribute(
                "subject",
                subject == null || subject.length() <= LONGEST_SUBJECT
                        ? subject
                        : subject.substring(0, LONGEST_SUBJECT));
        model.addAttribute("back", sameSitePath(request.getHeader("Referer"), request));
        return "confirm";
    }

    /** The path (and query) of the page the form was on, when the browser said it and it is one of ours. */
    private static String sameSitePath(String referer, HttpServletRequest request) {
        if (referer == null) {
            return "/";
        }
        try {
            URI uri = URI.create(referer);
            boolean ours = uri.getHost() == null || uri.getHost().equalsIgnoreCase(request.getServerName());
            String path = uri.getRawPath();
            if (!ours || path == null || !path.startsWith("/") || path.startsWith("//")) {
                return "/";
            }
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        } catch (IllegalArgumentException malformed) {
            return "/";
        }
    }
}
