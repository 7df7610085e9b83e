package org.enverify.management.api;

import graphql.schema.DataFetchingEnvironment;
import org.enverify.realm.Realms;
import org.springframework.core.MethodParameter;
import org.springframework.graphql.data.method.HandlerMethodArgumentResolver;

/**
 * Gives a field of the schema's {@code Realm} its caller, checked before the field is fetched: the token must
 * act in the queried realm and grant the permissions of the parameter's {@link RequireScope}; without one of
 * them the field is a {@code FORBIDDEN} error and its data is null.
 */
final class GraphQlCallerResolver implements HandlerMethodArgumentResolver {

    private final Realms realms;

    GraphQlCallerResolver(Realms realms) {
        this.realms = realms;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == RealmCaller.class
                && parameter.hasParameterAnnotation(RequireScope.class);
    }

    @Override
    public RealmCaller resolveArgument(MethodParameter parameter, DataFetchingEnvironment environment) {
        GraphQlCaller graphQlCaller = environment.getGraphQlContext().get(GraphQlCaller.CONTEXT_KEY);
        if (!(environment.getSource() instanceof QueriedRealm queried)) {
            throw new IllegalStateException("A realm's caller is only known in the fields of Realm");
        }
        RealmCaller caller = CallerResolver.in(queried.realm(), graphQlCaller.bearer(), graphQlCaller.actor(), realms)
                .orElseThrow(CallerResolver::notFound);
        CallerResolver.missingScopes(caller, parameter.getParameterAnnotation(RequireScope.class))
                .ifPresent(missing -> {
                    throw CallerResolver.insufficientScope(missing);
                });
        return caller;
    }
}
