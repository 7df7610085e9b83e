package org.enverify.management.api;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.enverify.management.ManagementSettings;
import org.enverify.platform.ConditionalOnRole;
import org.enverify.platform.EnverifySettings;
import org.enverify.platform.ProcessRole;
import org.enverify.platform.api.ErrorCode;
import org.enverify.platform.api.ManagementError;
import org.enverify.platform.net.OutboundUrls;
import org.enverify.realm.Realms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The management API's security: bearer tokens only (no session, no cookie, no CSRF), judged by
 * {@link BearerTokens}; a request without an acceptable token gets 401 in the envelope before any handler
 * runs. A token whose provider's keys cannot be had gets 503 with {@code Retry-After} instead: the provider is
 * out of our hands, and a retry may succeed. Handlers get their caller and paging from the resolvers registered
 * here.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(ProcessRole.ADMIN_API)
class ManagementApiConfiguration implements WebMvcConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ManagementApiConfiguration.class);

    private final Realms realms;

    ManagementApiConfiguration(Realms realms) {
        this.realms = realms;
    }

    /** After the web UI's chain, before the open routes' catch-all. */
    @Bean
    @Order(2)
    SecurityFilterChain managementApi(
            HttpSecurity http,
            ManagementSettings settings,
            OutboundUrls outboundUrls,
            Clock clock,
            EnverifySettings enverify)
            throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, refused) -> ManagementError.write(
                response,
                HttpStatus.UNAUTHORIZED.value(),
                ErrorCode.UNAUTHORIZED,
                "a valid bearer token of the realm's or the operator's identity provider is required");
        AccessDeniedHandler denied = (request, response, refused) -> ManagementError.write(
                response,
                HttpStatus.FORBIDDEN.value(),
                ErrorCode.INSUFFICIENT_SCOPE,
                "the token's scope is insufficient");
        AuthenticationFailureHandler refusedToken = new AuthenticationEntryPointFailureHandler(unauthenticated);
        AuthenticationFailureHandler failed = (request, response, refused) -> {
            Optional<String> keysUnavailable = IdentityProviderKeys.unavailable(refused);
            if (keysUnavailable.isEmpty()) {
                refusedToken.onAuthenticationFailure(request, response, refused);
                return;
            }
            log.warn("Bearer token not checked: {}", keysUnavailable.get());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(IdentityProviderKeys.MIN_INTERVAL.toSeconds()));
            ManagementError.write(
                    response,
                    HttpStatus.SERVICE_UNAVAILABLE.value(),
                    ErrorCode.INTERNAL_SERVER_ERROR,
                    "the identity provider's keys cannot be fetched at the moment; retry shortly");
        };
        http.securityMatcher(request -> ManagementError.isManagementPath(request.getRequestURI()))
                .csrf(AbstractHttpConfigurer::disable)
                .headers(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(unauthenticated).accessDeniedHandler(denied))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .authenticationManagerResolver(
                                new BearerTokens(realms, settings, outboundUrls, clock, enverify.cacheTtl()))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(denied)
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationFailureHandler(failed);
                                return filter;
                            }
                        }));
        return http.build();
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerResolver(realms));
        resolvers.add(new ListQueryResolver());
    }
}
