package org.enverify.apikey.api;

import org.enverify.apikey.ApiCaller;
import org.enverify.apikey.ApiKeys;
import org.enverify.apikey.RequireApiKey;
import org.enverify.platform.api.ApiException;
import org.enverify.platform.web.LoggedAttributes;
import org.slf4j.MDC;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Resolves a {@link RequireApiKey} parameter from {@code X-API-Key}, or refuses the request with 401. */
class ApiCallerResolver implements HandlerMethodArgumentResolver {

    static final String HEADER = "X-API-Key";

    private final ApiKeys apiKeys;

    ApiCallerResolver(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.hasParameterAnnotation(RequireApiKey.class) && parameter.getParameterType() == ApiCaller.class;
    }

    @Override
    public ApiCaller resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer container,
            NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        RequireApiKey required = parameter.getParameterAnnotation(RequireApiKey.class);
        ApiCaller caller = apiKeys.authenticate(request.getHeader(HEADER), required.value())
                .orElseThrow(ApiException::unauthorized);
        MDC.put(LoggedAttributes.REALM_MDC_KEY, caller.realm().toString());
        return caller;
    }
}
