package org.enverify.management.api;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import java.util.LinkedHashMap;
import java.util.Map;
import org.enverify.platform.Refusal;
import org.enverify.platform.api.ApiException;
import org.enverify.platform.api.RefusalStatus;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.http.HttpStatus;

/**
 * A field's refusal as a GraphQL error: its {@code classification} and {@code code} extensions say what it is
 * ({@code NOT_FOUND}, {@code FORBIDDEN}, {@code BAD_REQUEST}), {@code field} names the refused argument when
 * one is, and the field's data is null. Other failures keep Spring's {@code INTERNAL_ERROR} without detail.
 */
final class GraphQlRefusals extends DataFetcherExceptionResolverAdapter {

    @Override
    protected GraphQLError resolveToSingleError(Throwable failure, DataFetchingEnvironment environment) {
        if (failure instanceof ApiException refused) {
            return error(environment, refused.status(), refused.getMessage(), refused.field());
        }
        if (failure instanceof Refusal refusal) {
            return error(
                    environment,
                    RefusalStatus.of(refusal.code()),
                    refusal.apiText(),
                    refusal.field().orElse(null));
        }
        return null;
    }

    private static GraphQLError error(
            DataFetchingEnvironment environment, HttpStatus status, String message, String field) {
        ErrorType type = switch (status) {
            case NOT_FOUND -> ErrorType.NOT_FOUND;
            case FORBIDDEN -> ErrorType.FORBIDDEN;
            case UNAUTHORIZED -> ErrorType.UNAUTHORIZED;
            default -> status.is4xxClientError() ? ErrorType.BAD_REQUEST : ErrorType.INTERNAL_ERROR;
        };
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", type.name());
        if (field != null) {
            extensions.put("field", field);
        }
        return GraphqlErrorBuilder.newError(environment)
                .errorType(type)
                .message(message)
                .extensions(extensions)
                .build();
    }
}
