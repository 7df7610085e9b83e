package org.enverify.account.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.enverify.account.AccountSettings;
import org.enverify.account.IdentityProviderSignIn;
import org.enverify.account.OidcSettings;
import org.enverify.platform.net.OutboundHttp;
import org.enverify.platform.net.OutboundHttpException;
import org.enverify.platform.net.OutboundUrls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.client.OAuth2LoginConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sign-in through the OpenID Connect provider ({@code ENVERIFY_OIDC_*}) with Spring Security's
 * authorization-code flow under {@code /login/oauth2/}. The provider's answer is turned into the same
 * session principal as a password sign-in ({@link org.enverify.account.SignedInUser}), or into a page that
 * says why not. The provider is trusted for the second factor, so no Enverify factor is asked for.
 */
final class OidcSignIn {

    static final String REGISTRATION_ID = "oidc";

    /** Where the sign-in button points: the authorization redirect. */
    static final String START = "/login/oauth2/authorization/" + REGISTRATION_ID;

    private static final Logger log = LoggerFactory.getLogger(OidcSignIn.class);

    private final IdentityProviderSignIn signIn;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    private OidcSignIn(IdentityProviderSignIn signIn) {
        this.signIn = signIn;
    }

    /** Adds the flow to the web UI's chain when a provider is configured. */
    static void configure(
            HttpSecurity http,
            OidcSettings oidc,
            AccountSettings accounts,
            IdentityProviderSignIn signIn,
            OutboundUrls urls)
            throws Exception {
        if (!oidc.enabled()) {
            return;
        }
        OidcSignIn handlers = new OidcSignIn(signIn);
        Customizer<OAuth2LoginConfigurer<HttpSecurity>> login = configurer -> configurer
                .clientRegistrationRepository(new DiscoveredProvider(oidc, accounts, urls))
                .authorizedClientRepository(new NoAuthorizedClients())
                .loginPage("/login")
                .authorizationEndpoint(endpoint -> endpoint.baseUri("/login/oauth2/authorization"))
                .successHandler(handlers.success())
                .failureHandler(handlers.failure());
        http.oauth2Login(login);
    }

    private AuthenticationSuccessHandler success() {
        return (request, response, authentication) -> {
            OidcUser person = (OidcUser) authentication.getPrincipal();
            IdentityProviderSignIn.Outcome outcome = signIn.signIn(person.getEmail(), person.getEmailVerified());
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            outcome.user().ifPresent(user -> context.setAuthentication(user.signedIn()));
            SecurityContextHolder.setContext(context);
            contexts.saveContext(context, request, response);
            if (outcome.user().isPresent()) {
                response.sendRedirect(request.getContextPath() + "/login/continue");
            } else {
                refuse(request, response, outcome.refusal().name().toLowerCase(Locale.ROOT));
            }
        };
    }

    private AuthenticationFailureHandler failure() {
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException exception) -> {
            String code = exception instanceof OAuth2AuthenticationException oauth
                    ? oauth.getError().getErrorCode()
                    : exception.getClass().getSimpleName();
            log.warn("Sign-in through the OpenID Connect provider failed: {}", code);
            refuse(request, response, "failed");
        };
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, String reason)
            throws IOException {
        response.sendRedirect(request.getContextPath() + "/login/oidc-refused?reason=" + reason);
    }

    /**
     * The provider's registration, read from its discovery document at the first sign-in rather than at
     * start-up, so a provider that is down does not keep the web UI from starting; a failed read is tried
     * again at the next sign-in.
     */
    private static final class DiscoveredProvider implements ClientRegistrationRepository {

        private static final Duration DISCOVERY_TIMEOUT = Duration.ofSeconds(10);
        private static final long DISCOVERY_MAX_BYTES = 256 * 1024;
        private static final JsonMapper JSON = JsonMapper.builder().build();

        private final OidcSettings oidc;
        private final AccountSettings accounts;
        private final OutboundUrls urls;
        private volatile ClientRegistration registration;

        DiscoveredProvider(OidcSettings oidc, AccountSettings accounts, OutboundUrls urls) {
            this.oidc = oidc;
            this.accounts = accounts;
            this.urls = urls;
        }

        @Override
        public ClientRegistration findByRegistrationId(String registrationId) {
            if (!REGISTRATION_ID.equals(registrationId)) {
                return null;
            }
            ClientRegistration known = registration;
            if (known == null) {
                known = discover();
                registration = known;
            }
            return known;
        }

        /**
         * The provider's discovery document, fetched through the guarded client so that every redirect hop passes
         * the outbound address rule too; it must name the configured issuer, as OpenID Connect Discovery demands.
         */
        private Map<String, Object> discoveryDocument() {
            String issuer = oidc.issuerUri().strip();
            URI location = URI.create(issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration");
            try (OutboundHttp http = new OutboundHttp(DISCOVERY_TIMEOUT, DISCOVERY_MAX_BYTES, urls)) {
                OutboundHttp.Response answer = http.get(location, Map.of("Accept", "application/json"));
                if (!answer.ok()) {
                    throw new IllegalStateException(
                            "The OpenID Connect provider's discovery document answered " + answer.status());
                }
                Map<String, Object> document = JSON.readValue(answer.body(), new TypeReference<>() {});
                if (!issuer.equals(document.get("issuer"))) {
                    throw new IllegalStateException(
                            "The OpenID Connect provider's discovery document names another issuer");
                }
                return document;
            } catch (OutboundHttpException | JacksonException failed) {
                log.warn("The OpenID Connect provider's discovery document is unusable: {}", failed.getMessage());
                throw new IllegalStateException("The OpenID Connect provider's discovery document is unusable");
            }
        }

        /** The issuer and every endpoint its discovery document names must pass the outbound address rule. */
        private void checkOutbound(String what, String url) {
            if (url == null || url.isBlank()) {
                return;
            }
            try {
                urls.check(url);
            } catch (IllegalArgumentException refused) {
                log.warn("The OpenID Connect provider's {} {} is refused: the URL {}", what, url, refused.getMessage());
                throw new IllegalStateException("The OpenID Connect provider's " + what + " is refused");
            }
        }

        private ClientRegistration discover() {
            checkOutbound("issuer", oidc.issuerUri());
            ClientRegistration.Builder builder = ClientRegistrations.fromOidcConfiguration(discoveryDocument())
                    .registrationId(REGISTRATION_ID)
                    .clientId(oidc.clientId())
                    .clientSecret(oidc.clientSecret())
                    .clientName(oidc.name())
                    .scope("openid", "email", "profile");
            if (accounts.publicUrl() != null && !accounts.publicUrl().isBlank()) {
                builder.redirectUri(accounts.publicUrl().replaceAll("/+$", "") + "/login/oauth2/code/{registrationId}");
            }
            ClientRegistration discovered = builder.build();
            ClientRegistration.ProviderDetails provider = discovered.getProviderDetails();
            checkOutbound("token endpoint", provider.getTokenUri());
            checkOutbound("key set", provider.getJwkSetUri());
            checkOutbound("user info endpoint", provider.getUserInfoEndpoint().getUri());
            return discovered;
        }
    }

    /** Enverify calls none of the provider's APIs after sign-in, so it keeps none of its tokens. */
    private static final class NoAuthorizedClients implements OAuth2AuthorizedClientRepository {

        @Override
        public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(
                String clientRegistrationId, Authentication principal, HttpServletRequest request) {
            return null;
        }

        @Override
        public void saveAuthorizedClient(
                OAuth2AuthorizedClient authorizedClient,
                Authentication principal,
                HttpServletRequest request,
                HttpServletResponse response) {}

        @Override
        public void removeAuthorizedClient(
                String clientRegistrationId,
                Authentication principal,
                HttpServletRequest request,
                HttpServletResponse response) {}
    }
}
