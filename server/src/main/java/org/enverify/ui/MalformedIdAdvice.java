package org.enverify.ui;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * A page's path id that is not an id at all ({@code /realm/users/abc}) answers the not-found page, as an id
 * of nothing does: a typed path variable fails to convert before the handler runs.
 */
@ControllerAdvice(annotations = UiController.class)
class MalformedIdAdvice {

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    void notFound(MethodArgumentTypeMismatchException mismatch, HttpServletResponse response) throws IOException {
        if (!mismatch.getParameter().hasParameterAnnotation(PathVariable.class)) {
            // Rethrown as it is, a malformed query or form value keeps Spring's own answer.
            throw mismatch;
        }
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
}
