package org.enverify.management.api;

import java.util.Map;
import org.enverify.platform.Actor;
import org.enverify.platform.api.ApiException;
import org.enverify.platform.web.LoggedAttributes;
import org.enverify.realm.RequestHost;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import reactor.core.publisher.Mono;

/** Hands the request's accepted token to the query's fields, through the GraphQL context. */
final class GraphQlCallers implements WebGraphQlInterceptor {

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof BearerCaller bearer)) {
            throw ApiException.unauthorized();
        }
        Map<String, Object> attributes = request.getAttributes();
        Actor actor = attributes.get(LoggedAttributes.REQUEST_ID_ATTRIBUTE) instanceof String requestId
                ? bearer.actor().byRequest(requestId)
                : bearer.actor();
        RequestHost host =
                attributes.get(RequestHost.ATTRIBUTE) instanceof RequestHost selected ? selected : RequestHost.MAIN;
        GraphQlCaller caller = new GraphQlCaller(bearer, actor, host);
        request.configureExecutionInput(
                (input, builder) -> builder.graphQLContext(Map.of(GraphQlCaller.CONTEXT_KEY, caller))
                        .build());
        return chain.next(request);
    }
}
