package org.enverify.apikey.api;

import jakarta.servlet.http.HttpServletRequest;
import org.enverify.apikey.ApiCaller;
import org.enverify.apikey.ApiKeyAuthenticator;
import org.enverify.apikey.RequireApiKey;
import org.enverify.platform.api.ApiException;
import org.enverify.platform.web.CommonRoutes;
import org.enverify.platform.web.LoggedAttributes;
import org.enverify.realm.RequestHost;
import org.slf4j.MDC;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Resolves a {@link RequireApiKey} parameter from {@code X-API-Key}, or refuses the request with 401;
 * on a realm's API host, another realm's key finds nothing there (404).
 */
class ApiCallerResolver implements HandlerMethodArgumentResolver {

    private final ApiKeyAuthenticator authenticator;

    ApiCallerResolver(ApiKeyAuthenticator authenticator) {
        this.authenticator = authenticator;
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
            WebDataBinderFactory binderFactory)
            throws NoResourceFoundException {
        RequireApiKey required = parameter.getParameterAnnotation(RequireApiKey.class);
        ApiCaller caller = authenticator
                .authenticate(request.getNativeRequest(HttpServletRequest.class), required.value())
                .orElseThrow(ApiException::unauthorized);
        HttpServletRequest http = request.getNativeRequest(HttpServletRequest.class);
        if (!RequestHost.of(http).admits(caller.realm())) {
            throw new NoResourceFoundException(
                    HttpMethod.valueOf(http.getMethod()), http.getRequestURI(), CommonRoutes.path(http));
        }
        MDC.put(LoggedAttributes.REALM_MDC_KEY, caller.realm().toString());
        return caller;
    }
}
