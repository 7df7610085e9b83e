package org.enverify.management.api;

import graphql.execution.instrumentation.Instrumentation;
import org.enverify.platform.ConditionalOnRole;
import org.enverify.platform.ProcessRole;
import org.enverify.realm.Realms;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ClassPathResource;
import org.springframework.graphql.data.method.HandlerMethodArgumentResolver;
import org.springframework.graphql.execution.DataFetcherExceptionResolver;
import org.springframework.graphql.server.WebGraphQlInterceptor;

/**
 * The management API's read-only GraphQL endpoint, {@code /api/v1/graphql} (Spring for GraphQL), in the
 * admin-api role only: its schema ({@code graphql/management.graphqls}, which Boot's default locations do not
 * load, so a process without the role has no endpoint), the depth and cost limits, the parsed queries kept,
 * the caller and paging of its fields, and its errors. Its bearer tokens are judged by the management API's security chain.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(ProcessRole.ADMIN_API)
@Import(RealmQueryController.class)
class GraphQlConfiguration {

    @Bean
    GraphQlSourceBuilderCustomizer managementSchema() {
        ParsedQueries parsedQueries = new ParsedQueries();
        return builder -> builder.schemaResources(new ClassPathResource("graphql/management.graphqls"))
                .configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(parsedQueries));
    }

    @Bean
    Instrumentation queryDepthLimit() {
        return QueryLimits.depth();
    }

    @Bean
    Instrumentation queryCostLimit() {
        return QueryLimits.cost();
    }

    @Bean
    WebGraphQlInterceptor graphQlCallers() {
        return new GraphQlCallers();
    }

    @Bean
    HandlerMethodArgumentResolver graphQlCallerResolver(Realms realms) {
        return new GraphQlCallerResolver(realms);
    }

    @Bean
    HandlerMethodArgumentResolver graphQlListQueryResolver() {
        return new GraphQlListQueryResolver();
    }

    @Bean
    DataFetcherExceptionResolver graphQlRefusals() {
        return new GraphQlRefusals();
    }

    @Bean
    FilterRegistrationBean<GraphQlBodyLimit> graphQlBodyLimit() {
        FilterRegistrationBean<GraphQlBodyLimit> registration = new FilterRegistrationBean<>(new GraphQlBodyLimit());
        registration.addUrlPatterns(BearerTokens.GRAPHQL_PATH);
        return registration;
    }
}
