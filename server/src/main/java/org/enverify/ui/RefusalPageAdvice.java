package org.enverify.ui;

import jakarta.servlet.http.HttpServletResponse;
import org.enverify.platform.Refusal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * A domain refusal that a page's handler did not turn into messages next to its fields still reaches the
 * person as the refusal's own localized messages, on a 422 page, and never as a server error: the request
 * was understood and refused, and nothing was stored.
 */
@ControllerAdvice(annotations = UiController.class)
class RefusalPageAdvice {

    @ExceptionHandler(Refusal.class)
    String refused(Refusal refusal, Model model, HttpServletResponse response) {
        response.setStatus(FormErrors.REFUSED_STATUS);
        model.addAttribute("status", FormErrors.REFUSED_STATUS);
        model.addAttribute("reasons", refusal.messages());
        return "error";
    }
}
