package org.enverify.management.api;

import graphql.schema.DataFetchingEnvironment;
import org.enverify.platform.ListQuery;
import org.enverify.platform.api.ApiException;
import org.enverify.platform.api.ErrorCode;
import org.springframework.core.MethodParameter;
import org.springframework.graphql.data.method.HandlerMethodArgumentResolver;

/**
 * Reads a GraphQL list's {@code page} (from 1) and {@code limit} (1 to {@value Paging#MAX_LIMIT}) arguments,
 * with the REST lists' limits; GraphQL lists are newest first.
 */
final class GraphQlListQueryResolver implements HandlerMethodArgumentResolver {

    /** The one order of GraphQL lists. */
    static final String NEWEST_FIRST = "newest";

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == ListQuery.class;
    }

    @Override
    public ListQuery resolveArgument(MethodParameter parameter, DataFetchingEnvironment environment) {
        int page = number(environment, "page", Integer.MAX_VALUE, 1);
        int limit = number(environment, "limit", Paging.MAX_LIMIT, Paging.DEFAULT_LIMIT);
        return new ListQuery(page, limit, NEWEST_FIRST, true);
    }

    private static int number(DataFetchingEnvironment environment, String name, int max, int absent) {
        Integer value = environment.getArgument(name);
        if (value == null) {
            return absent;
        }
        if (value < 1 || value > max) {
            throw ApiException.badRequest(
                            ErrorCode.UNPARSABLE_REQUEST, name + " must be a whole number from 1 to " + max)
                    .about(name);
        }
        return value;
    }
}
