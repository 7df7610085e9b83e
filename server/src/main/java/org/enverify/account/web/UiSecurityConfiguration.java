package org.enverify.account.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.enverify.account.AccountSettings;
import org.enverify.account.IdentityProviderSignIn;
import org.enverify.account.Memberships;
import org.enverify.account.OidcSettings;
import org.enverify.account.PasskeySignIn;
import org.enverify.account.Passkeys;
import org.enverify.account.PasswordSignIn;
import org.enverify.account.SecondFactors;
import org.enverify.account.SignInThrottledException;
import org.enverify.account.SignedInUser;
import org.enverify.account.Users;
import org.enverify.platform.ConditionalOnRole;
import org.enverify.platform.ProcessRole;
import org.enverify.platform.net.ClientAddresses;
import org.enverify.platform.net.OutboundUrls;
import org.enverify.platform.web.UiRoutes;
import org.enverify.realm.Realms;
import org.enverify.realm.RequestHost;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.HttpMessageConverterAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.CompositeSessionAuthenticationStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.authentication.ui.DefaultResourcesFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.webauthn.authentication.PublicKeyCredentialRequestOptionsFilter;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationFilter;
import org.springframework.security.web.webauthn.registration.PublicKeyCredentialCreationOptionsFilter;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The web UI's security: sessions in Postgres (Spring Session JDBC), form sign-in with throttling, a
 * second factor (authenticator app or passkey) for accounts that have one, passkey sign-in and
 * registration through Spring Security's WebAuthn filters, CSRF tokens on every form (kept in a cookie,
 * so that no session exists before someone signs in), and per-request
 * checks of the account, realm, permissions and the realm's MFA mode.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(ProcessRole.UI)
@Import({
    SignInController.class,
    AccountController.class,
    HomeController.class,
    RealmUsersController.class,
    SecondFactorController.class,
    EmailVerificationController.class,
    SystemUsersController.class
})
class UiSecurityConfiguration implements WebMvcConfigurer {

    /** Session attribute: the last passkey sign-in was refused (see {@link #passkeySignIn}). */
    static final String PASSKEY_REFUSED = "enverify.passkeyRefused";

    private final UiInterceptor interceptor;

    UiSecurityConfiguration(
            Users users,
            Memberships memberships,
            Realms realms,
            AccountSettings settings,
            ClientAddresses clients,
            SecondFactors secondFactors,
            Clock clock) {
        this.interceptor = new UiInterceptor(users, memberships, realms, settings, clients, secondFactors, clock);
    }

    @Bean
    @Order(1)
    SecurityFilterChain webUi(
            HttpSecurity http,
            PasswordSignIn passwords,
            PasskeySignIn passkeySignIn,
            Passkeys passkeys,
            OidcSettings oidc,
            AccountSettings accounts,
            IdentityProviderSignIn identityProvider,
            OutboundUrls outboundUrls)
            throws Exception {
        CsrfTokenRepository csrfTokens = csrfTokens();
        http.securityMatcher(request ->
                        UiRoutes.isUiPath(request) && RequestHost.of(request).kind() != RequestHost.Kind.REDIRECT)
                .authenticationProvider(passwords)
                .authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/login",
                                "/login/forgot-password",
                                "/login/reset/**",
                                "/login/webauthn",
                                "/login/webauthn.js",
                                "/webauthn/authenticate/options",
                                "/invitations/**",
                                "/verify-email/**",
                                "/login/oidc-refused",
                                "/webjars/**",
                                "/ui/**",
                                "/favicon.ico")
                        .permitAll()
                        .requestMatchers("/login/mfa", "/login/mfa/**")
                        .authenticated()
                        .anyRequest()
                        .hasAuthority(SignedInUser.AUTHORITY))
                .formLogin(form -> form.loginPage("/login")
                        .usernameParameter("email")
                        .passwordParameter("password")
                        .successHandler(
                                (request, response, authentication) -> response.sendRedirect(request.getContextPath()
                                        + (SignedInUser.secondFactorPending(authentication)
                                                ? "/login/mfa"
                                                : "/login/continue")))
                        .failureHandler((request, response, refused) -> response.sendRedirect(request.getContextPath()
                                + (refused instanceof SignInThrottledException heldBack
                                        ? "/login?throttled="
                                                + Math.max(1, heldBack.waitFor().toMinutes() + 1)
                                        : "/login?error"))))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut"))
                .addFilterBefore(new FormSizeFilter(), CsrfFilter.class)
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens))
                .exceptionHandling(exceptions -> exceptions.accessDeniedHandler(new SecondFactorFirst()))
                .addFilterBefore(
                        passkeySignIn(passkeySignIn, newSession(csrfTokens)),
                        UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(new PublicKeyCredentialRequestOptionsFilter(passkeys), AuthorizationFilter.class)
                .addFilterAfter(new PublicKeyCredentialCreationOptionsFilter(passkeys), AuthorizationFilter.class)
                .addFilterAfter(new PasskeyRegistrationFilter(passkeys), AuthorizationFilter.class)
                .addFilter(DefaultResourcesFilter.webauthn())
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers.defaultsDisabled().cacheControl(Customizer.withDefaults()))
                .sessionManagement(sessions -> sessions.sessionFixation(fixation -> fixation.changeSessionId()));
        OidcSignIn.configure(http, oidc, accounts, identityProvider, outboundUrls);
        return http.build();
    }

    /**
     * CSRF tokens in a cookie, checked against the form field or header: a page for someone not signed
     * in (the sign-in form) then creates no session, so anonymous requests cannot fill the session table.
     * The cookie is {@code HttpOnly}; pages pass the token to scripts in a {@code meta} tag.
     */
    static CsrfTokenRepository csrfTokens() {
        CookieCsrfTokenRepository tokens = new CookieCsrfTokenRepository();
        tokens.setCookieName("ENVERIFY_CSRF");
        tokens.setHeaderName("X-CSRF-TOKEN");
        tokens.setCookieCustomizer(cookie -> cookie.sameSite("Strict"));
        return tokens;
    }

    /** What completing a sign-in does to the session, as form login does: a new id and a new CSRF token. */
    static SessionAuthenticationStrategy newSession(CsrfTokenRepository csrfTokens) {
        return new CompositeSessionAuthenticationStrategy(
                List.of(new ChangeSessionIdAuthenticationStrategy(), new CsrfAuthenticationStrategy(csrfTokens)));
    }

    /**
     * Spring Security's passkey sign-in ({@code POST /login/webauthn}, JSON from {@code /login/webauthn.js}),
     * which answers with where to go next: {@code /}, which leads on to {@code /login/continue}. On a refusal
     * the script always goes to {@code /login?error}; the session remembers that a passkey was refused, so
     * that a sign-in waiting for its second factor is sent back to {@code /login/mfa} with the reason.
     */
    private static WebAuthnAuthenticationFilter passkeySignIn(
            PasskeySignIn provider, SessionAuthenticationStrategy session) {
        WebAuthnAuthenticationFilter filter = new WebAuthnAuthenticationFilter();
        filter.setAuthenticationManager(new ProviderManager(provider));
        filter.setSessionAuthenticationStrategy(session);
        HttpMessageConverterAuthenticationSuccessHandler success =
                new HttpMessageConverterAuthenticationSuccessHandler();
        success.setRequestCache(new NullRequestCache());
        filter.setAuthenticationSuccessHandler(success);
        filter.setAuthenticationFailureHandler((request, response, refused) -> {
            request.getSession().setAttribute(PASSKEY_REFUSED, Boolean.TRUE);
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        });
        return filter;
    }

    /**
     * A session waiting for its second factor that asks for a page is sent to the second-factor page;
     * every other refusal is the usual 403.
     */
    private static final class SecondFactorFirst implements AccessDeniedHandler {

        private final AccessDeniedHandler refuse = new AccessDeniedHandlerImpl();

        @Override
        public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
                throws IOException, ServletException {
            if ("GET".equals(request.getMethod())
                    && SignedInUser.secondFactorPending(
                            SecurityContextHolder.getContext().getAuthentication())) {
                response.sendRedirect(request.getContextPath() + "/login/mfa");
                return;
            }
            refuse.handle(request, response, denied);
        }
    }

    /** {@code ?lang=es} chooses the language, which the locale resolver of every role keeps in a cookie. */
    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor languages = new LocaleChangeInterceptor();
        languages.setParamName("lang");
        languages.setIgnoreInvalidLocale(true);
        registry.addInterceptor(languages);
        registry.addInterceptor(interceptor);
    }
}
