package org.enverify.ui;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Hands a UI handler the {@link UiContext} that {@link UiInterceptor} built for the request. */
class UiContextResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == UiContext.class;
    }

    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer container,
            NativeWebRequest request,
            WebDataBinderFactory binders) {
        Object context = request.getAttribute(UiContext.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (context == null) {
            throw new IllegalStateException("a UiContext parameter on a handler that is not a signed-in UI page");
        }
        return context;
    }
}
