package org.enverify.management.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Each query text parsed and validated against the schema once: a platform's dashboards and scripts send the
 * same few queries again and again, and parsing and validating one took about a fifth of a cached statistics
 * query's CPU. Variables are not part of the text, so a query with other variables is still the same entry;
 * the depth and cost limits are judged at every execution, not at validation. Bounded by the characters of the
 * texts kept, least recently used dropped first.
 */
final class ParsedQueries implements PreparsedDocumentProvider {

    /** About a thousand ordinary queries; a request body is at most 64,000 bytes. */
    static final long MAX_CACHED_CHARACTERS = 2_000_000;

    private final Cache<String, PreparsedDocumentEntry> documents = Caffeine.newBuilder()
            .maximumWeight(MAX_CACHED_CHARACTERS)
            .<String, PreparsedDocumentEntry>weigher((query, document) -> query.length())
            .build();

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(
            ExecutionInput executionInput, Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        return CompletableFuture.completedFuture(
                documents.get(executionInput.getQuery(), query -> parseAndValidate.apply(executionInput)));
    }
}
