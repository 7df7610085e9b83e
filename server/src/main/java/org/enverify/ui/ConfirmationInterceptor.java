package org.enverify.ui;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Stops a post to a {@link Confirm} action that was not confirmed; {@link ConfirmationPageAdvice} answers it.
 * Registered after the permission checks, so a person who may not act is refused rather than asked.
 */
class ConfirmationInterceptor implements HandlerInterceptor {

    static final String CONFIRMED = "confirmed";

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method
                && "POST".equals(request.getMethod())
                && !"yes".equals(request.getParameter(CONFIRMED))) {
            Confirm confirm = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), Confirm.class);
            if (confirm != null) {
                throw new ConfirmationRequired(confirm.value());
            }
        }
        return true;
    }

    /** A {@link Confirm} action posted without its confirmation: nothing ran. */
    static final class ConfirmationRequired extends RuntimeException {

        private final String action;

        ConfirmationRequired(String action) {
            super("the action " + action + " was posted without confirmation", null, false, false);
            this.action = action;
        }

        String action() {
            return action;
        }
    }
}
