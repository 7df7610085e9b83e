package org.enverify.management.api;

import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;
import java.util.Map;

/**
 * How much one GraphQL query may ask, judged before any field is fetched: an over-deep or over-costly query
 * is refused whole with an error whose {@code code} extension is {@code QUERY_TOO_DEEP} or
 * {@code QUERY_TOO_COSTLY}, and no data.
 */
final class QueryLimits {

    /**
     * The deepest query: data queries reach 5 levels ({@code realm → realmStats → items → codesInvalidByOs →
     * ios}); the introspection queries of the usual client generators reach 14.
     */
    static final int MAX_DEPTH = 15;

    /**
     * The costliest query. A field costs 1 plus its children; a list's field costs its {@code limit} times
     * (1 plus its children), so aliases and large pages add up. Every field of the 91 realm days costs about 2,000.
     */
    static final int MAX_COST = 10_000;

    private QueryLimits() {}

    /** A field's cost: its {@code limit} (at least 1) times its children's, when it is a list's. */
    static final FieldComplexityCalculator COST = (field, children) -> {
        long own = 1L + children;
        if (field.getArguments().get("limit") instanceof Integer limit) {
            own *= Math.max(1, limit);
        }
        return (int) Math.min(Integer.MAX_VALUE, own);
    };

    static MaxQueryDepthInstrumentation depth() {
        return new MaxQueryDepthInstrumentation(MAX_DEPTH) {
            @Override
            protected AbortExecutionException mkAbortException(int depth, int maxDepth) {
                return new Refused(
                        "QUERY_TOO_DEEP",
                        "the query is " + depth + " levels deep; at most " + maxDepth + " are served");
            }
        };
    }

    static MaxQueryComplexityInstrumentation cost() {
        return new MaxQueryComplexityInstrumentation(MAX_COST, COST) {
            @Override
            protected AbortExecutionException mkAbortException(int cost, int maxCost) {
                return new Refused(
                        "QUERY_TOO_COSTLY",
                        "the query costs " + cost + "; at most " + maxCost
                                + " are served (a list costs its limit times its fields)");
            }
        };
    }

    /** A query refused before it ran. */
    private static final class Refused extends AbortExecutionException {

        private final String code;

        Refused(String code, String message) {
            super(message);
            this.code = code;
        }

        @Override
        public Map<String, Object> getExtensions() {
            return Map.of("code", code);
        }
    }
}
