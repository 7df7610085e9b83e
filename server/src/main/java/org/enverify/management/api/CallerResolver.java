package org.enverify.management.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.enverify.platform.Actor;
import org.enverify.platform.api.ApiException;
import org.enverify.platform.api.ErrorCode;
import org.enverify.platform.web.LoggedAttributes;
import org.enverify.realm.Permission;
import org.enverify.realm.RealmId;
import org.enverify.realm.Realms;
import org.enverify.realm.RequestHost;
import org.slf4j.MDC;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Gives a management API handler its caller, checked before the handler runs: a {@link SystemCaller} needs
 * {@code enverify:system}; a {@link RealmCaller} works in the path's {@code {realmId}} and needs the scopes of
 * its {@link RequireScope}. A realm that does not exist, or that the request's host does not serve, is not
 * found.
 */
final class CallerResolver implements HandlerMethodArgumentResolver {

    private final Realms realms;

    CallerResolver(Realms realms) {
        this.realms = realms;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == SystemCaller.class
                || (parameter.getParameterType() == RealmCaller.class
                        && parameter.hasParameterAnnotation(RequireScope.class));
    }

    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer container,
            NativeWebRequest webRequest,
            WebDataBinderFactory binderFactory) {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        if (!(request.getUserPrincipal() instanceof BearerCaller bearer)) {
            throw ApiException.unauthorized();
        }
        Actor actor = request.getAttribute(LoggedAttributes.REQUEST_ID_ATTRIBUTE) instanceof String requestId
                ? bearer.actor().byRequest(requestId)
                : bearer.actor();
        if (parameter.getParameterType() == SystemCaller.class) {
            if (!bearer.system()) {
                throw insufficientScope(BearerCaller.SYSTEM_SCOPE);
            }
            return new SystemCaller(actor);
        }
        RealmId realm = pathRealm(request)
                .filter(id -> RequestHost.of(request).admits(id))
                .orElseThrow(CallerResolver::notFound);
        RealmCaller caller = in(realm, bearer, actor, realms)
                .orElseThrow(() -> bearer.system() ? notFound() : insufficientScope(BearerCaller.SYSTEM_SCOPE));
        missingScopes(caller, parameter.getParameterAnnotation(RequireScope.class))
                .ifPresent(missing -> {
                    throw insufficientScope(missing);
                });
        MDC.put(LoggedAttributes.REALM_MDC_KEY, realm.toString());
        return caller;
    }

    /**
     * The token as a caller in {@code realm}: a realm's token in a realm it was accepted for, an operator's
     * {@code enverify:system} token in any realm that exists; empty otherwise.
     */
    static Optional<RealmCaller> in(RealmId realm, BearerCaller bearer, Actor actor, Realms realms) {
        if (bearer.realms().contains(realm)) {
            return Optional.of(new RealmCaller(realm, bearer.permissions(), false, actor));
        }
        if (bearer.realms().isEmpty() && bearer.system() && realms.find(realm).isPresent()) {
            return Optional.of(new RealmCaller(realm, EnumSet.allOf(Permission.class), true, actor));
        }
        return Optional.empty();
    }

    /** The scopes the caller lacks of those required, space-separated; empty when it has them all. */
    static Optional<String> missingScopes(RealmCaller caller, RequireScope required) {
        Set<Permission> missing = EnumSet.noneOf(Permission.class);
        for (Permission permission : required.value()) {
            if (!caller.permissions().contains(permission)) {
                missing.add(permission);
            }
        }
        return missing.isEmpty()
                ? Optional.empty()
                : Optional.of(missing.stream()
                        .map(permission -> BearerCaller.SCOPE_PREFIX + permission.upstreamName())
                        .collect(Collectors.joining(" ")));
    }

    @SuppressWarnings("unchecked")
    private static Optional<RealmId> pathRealm(HttpServletRequest request) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String id = variables instanceof Map<?, ?> map ? ((Map<String, String>) map).get("realmId") : null;
        return id != null && id.matches("[1-9][0-9]{0,17}")
                ? Optional.of(new RealmId(Long.parseLong(id)))
                : Optional.empty();
    }

    static ApiException insufficientScope(String scopes) {
        return new ApiException(
                HttpStatus.FORBIDDEN, ErrorCode.INSUFFICIENT_SCOPE, "the token's scope lacks " + scopes);
    }

    static ApiException notFound() {
        return new ApiException(HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND, "not found");
    }
}
