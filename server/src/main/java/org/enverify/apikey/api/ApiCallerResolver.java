package org.enverify.apikey.api;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.enverify.apikey.ApiCaller;
import org.enverify.apikey.ApiKeyType;
import org.enverify.apikey.ApiKeys;
import org.enverify.apikey.RequireApiKey;
import org.enverify.platform.api.ApiException;
import org.enverify.platform.net.Cidr;
import org.enverify.platform.net.ClientAddresses;
import org.enverify.platform.web.CommonRoutes;
import org.enverify.platform.web.LoggedAttributes;
import org.enverify.realm.Realm;
import org.enverify.realm.Realms;
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

    static final String HEADER = "X-API-Key";

    private final ApiKeys apiKeys;
    private final Realms realms;
    private final ClientAddresses clients;

    ApiCallerResolver(ApiKeys apiKeys, Realms realms, ClientAddresses clients) {
        this.apiKeys = apiKeys;
        this.realms = realms;
        this.clients = clients;
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
        ApiCaller caller = apiKeys.authenticate(request.getHeader(HEADER), required.value())
                .orElseThrow(ApiException::unauthorized);
        HttpServletRequest http = request.getNativeRequest(HttpServletRequest.class);
        if (!RequestHost.of(http).admits(caller.realm())) {
            throw new NoResourceFoundException(
                    HttpMethod.valueOf(http.getMethod()), http.getRequestURI(), CommonRoutes.path(http));
        }
        if (!fromAllowedNetwork(caller, http)) {
            throw ApiException.unauthorized();
        }
        MDC.put(LoggedAttributes.REALM_MDC_KEY, caller.realm().toString());
        return caller;
    }

    /** A realm may confine each API surface to its own address ranges; an empty list allows all. */
    private boolean fromAllowedNetwork(ApiCaller caller, HttpServletRequest request) {
        Realm realm = realms.find(caller.realm()).orElse(null);
        if (realm == null) {
            return false;
        }
        List<String> allowed =
                caller.type() == ApiKeyType.DEVICE ? realm.allowedCidrsDeviceApi() : realm.allowedCidrsAdminApi();
        if (allowed.isEmpty()) {
            return true;
        }
        InetAddress client = clients.of(request);
        return allowed.stream().map(Cidr::parse).flatMap(Optional::stream).anyMatch(range -> range.contains(client));
    }
}
