package org.enverify.account.web;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.enverify.abuse.ratelimit.RateLimiter;
import org.enverify.account.AccountSettings;
import org.enverify.account.Memberships;
import org.enverify.account.PasswordSignIn;
import org.enverify.account.Users;
import org.enverify.platform.ConditionalOnRole;
import org.enverify.platform.ProcessRole;
import org.enverify.platform.net.ClientAddresses;
import org.enverify.platform.web.UiRoutes;
import org.enverify.realm.Realms;
import org.enverify.realm.RequestHost;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The web UI's security: sessions in Postgres (Spring Session JDBC), form sign-in with throttling,
 * CSRF tokens on every form, and per-request checks of the account, realm and permissions.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(ProcessRole.UI)
@Import({SignInController.class, AccountController.class, HomeController.class, RealmUsersController.class})
class UiSecurityConfiguration implements WebMvcConfigurer {

    private final UiInterceptor interceptor;

    UiSecurityConfiguration(
            Users users,
            Memberships memberships,
            Realms realms,
            RateLimiter limiter,
            AccountSettings settings,
            ClientAddresses clients,
            Clock clock) {
        this.interceptor = new UiInterceptor(users, memberships, realms, limiter, settings, clients, clock);
    }

    @Bean
    @Order(1)
    SecurityFilterChain webUi(HttpSecurity http, PasswordSignIn passwords, RateLimiter limiter, ClientAddresses clients)
            throws Exception {
        http.securityMatcher(request ->
                        UiRoutes.isUiPath(request) && RequestHost.of(request).kind() != RequestHost.Kind.REDIRECT)
                .authenticationProvider(passwords)
                .authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/login",
                                "/login/forgot-password",
                                "/login/reset/**",
                                "/invitations/**",
                                "/verify-email/**",
                                "/webjars/**",
                                "/ui/**",
                                "/favicon.ico")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .formLogin(form -> form.loginPage("/login")
                        .usernameParameter("email")
                        .passwordParameter("password")
                        .defaultSuccessUrl("/login/continue", true)
                        .failureUrl("/login?error"))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut"))
                .addFilterBefore(new SignInThrottleFilter(limiter, clients), UsernamePasswordAuthenticationFilter.class)
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers.defaultsDisabled().cacheControl(Customizer.withDefaults()))
                .sessionManagement(sessions -> sessions.sessionFixation(fixation -> fixation.changeSessionId()));
        return http.build();
    }

    /** {@code ?lang=es} chooses the language and a cookie keeps it; until then the browser's languages decide. */
    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("ENVERIFY_LANG");
        resolver.setCookieMaxAge(Duration.ofDays(365));
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor languages = new LocaleChangeInterceptor();
        languages.setParamName("lang");
        languages.setIgnoreInvalidLocale(true);
        registry.addInterceptor(languages);
        registry.addInterceptor(interceptor);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new UiContextResolver());
    }
}
