package org.enverify.platform.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

/**
 * Spring Security guards the web UI only (see the account module). Everything else authenticates on
 * its own terms (API keys, the internal token) or is public, so it gets a chain without filters: no
 * session, no CSRF, no cost on the device API's hot path, and none of Boot's default login page.
 */
@Configuration(proxyBeanMethods = false)
class OpenRoutesSecurity {

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityFilterChain openRoutes() {
        return new DefaultSecurityFilterChain(AnyRequestMatcher.INSTANCE);
    }

    /**
     * No observation around each security filter: the request is observed as a whole already
     * ({@code http.server.requests}), and wrapping every filter of every chain, the empty one of the
     * device API included, cost about 3% of a request's CPU. Sign-ins and access decisions stay observed.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.withDefaults()
                .shouldObserveRequests(false)
                .build();
    }
}
