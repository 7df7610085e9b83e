package org.enverify.management.api;

import java.util.Arrays;
import org.enverify.platform.ListQuery;
import org.enverify.platform.api.ApiException;
import org.enverify.platform.api.ErrorCode;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Reads {@code page}, {@code limit} and {@code sort} of a list as its {@link Paging} allows them. */
final class ListQueryResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == ListQuery.class && parameter.hasParameterAnnotation(Paging.class);
    }

    @Override
    public ListQuery resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer container,
            NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        Paging paging = parameter.getParameterAnnotation(Paging.class);
        String[] sorts = paging.sorts();
        int page = number(request, "page", 1, Integer.MAX_VALUE, 1);
        int limit = number(request, "limit", 1, Paging.MAX_LIMIT, Paging.DEFAULT_LIMIT);
        String sort = request.getParameter("sort");
        if (sort == null) {
            return new ListQuery(page, limit, sorts[0], paging.descending());
        }
        boolean descending = sort.startsWith("-");
        String name = descending ? sort.substring(1) : sort;
        if (!Arrays.asList(sorts).contains(name)) {
            throw refused(
                    "sort", "sort must be one of " + String.join(", ", sorts) + ", with - before it for descending");
        }
        return new ListQuery(page, limit, name, descending);
    }

    private static int number(NativeWebRequest request, String name, int min, int max, int absent) {
        String text = request.getParameter(name);
        if (text == null) {
            return absent;
        }
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw refused(name, name + " must be a whole number from " + min + " to " + max);
        }
        if (value < min || value > max) {
            throw refused(name, name + " must be a whole number from " + min + " to " + max);
        }
        return value;
    }

    private static ApiException refused(String parameter, String message) {
        return ApiException.badRequest(ErrorCode.UNPARSABLE_REQUEST, message).about(parameter);
    }
}
