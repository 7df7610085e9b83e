package org.enverify.management.api;

import java.time.Clock;
import java.util.List;
import org.enverify.management.ManagementSettings;
import org.enverify.platform.ConditionalOnRole;
import org.enverify.platform.EnverifySettings;
import org.enverify.platform.ProcessRole;
import org.enverify.platform.api.ErrorCode;
import org.enverify.platform.api.ManagementError;
import org.enverify.platform.net.OutboundUrls;
import org.enverify.realm.Realms;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The management API's security: bearer tokens only (no session, no cookie, no CSRF), judged by
 * {@link BearerTokens}; a request without an acceptable token gets 401 in the envelope before any handler
 * runs. Handlers get their caller and paging from the resolvers registered here.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(ProcessRole.ADMIN_API)
class ManagementApiConfiguration implements WebMvcConfigurer {

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
                        .accessDeniedHandler(denied));
        return http.build();
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerResolver(realms));
        resolvers.add(new ListQueryResolver());
    }
}
