package org.enverify.management.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.enverify.management.ManagementSettings;
import org.enverify.management.OAuthRealmSettings;
import org.enverify.platform.Actor;
import org.enverify.platform.net.OutboundHttp;
import org.enverify.platform.net.OutboundUrls;
import org.enverify.realm.RealmId;
import org.enverify.realm.Realms;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerAuthenticationManagerResolver;

/**
 * Picks who judges a bearer token: on a path under {@code /api/v1/realms/{realmId}/}, the realm's own
 * identity provider when the token names its issuer; everywhere, the operator's when it names that one. Any
 * other issuer, a disabled realm, or a realm without {@code oauth_enabled} gets 401. One decoder per realm and
 * trust (issuer, keys, audience), kept while in use; a changed setting makes a new one.
 */
final class BearerTokens implements AuthenticationManagerResolver<HttpServletRequest> {

    /** How far the token's and this server's clocks may disagree on {@code exp} and {@code nbf}. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private static final Pattern REALM_PATH = Pattern.compile("/api/v1/realms/([1-9][0-9]{0,17})(/.*)?");
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);
    private static final long MAX_JWKS_BYTES = 512 * 1024;
    private static final JwtGrantedAuthoritiesConverter SCOPES = scopes();

    /** What a realm trusts; a decoder is made for each, so a changed setting never meets an old decoder. */
    private record RealmTrust(RealmId realm, OAuthRealmSettings settings) {}

    private final Realms realms;
    private final Clock clock;
    private final OutboundHttp http;
    private final AuthenticationManager operator;
    private final String operatorIssuer;
    private final Cache<RealmTrust, AuthenticationManager> byRealm = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterAccess(Duration.ofHours(1))
            .build();

    BearerTokens(Realms realms, ManagementSettings settings, OutboundUrls outboundUrls, Clock clock) {
        this.realms = realms;
        this.clock = clock;
        this.http = new OutboundHttp(FETCH_TIMEOUT, MAX_JWKS_BYTES, outboundUrls);
        this.operatorIssuer = settings.enabled() ? settings.issuerUri() : null;
        this.operator = settings.enabled()
                ? manager(
                        settings.issuerUri(), "", settings.audience(), jwt -> BearerCaller.ofOperator(jwt, scopes(jwt)))
                : null;
    }

    /** The realm a path names, whether or not it exists. */
    static Optional<RealmId> realmOf(String requestUri) {
        Matcher path = REALM_PATH.matcher(requestUri);
        return path.matches() ? Optional.of(new RealmId(Long.parseLong(path.group(1)))) : Optional.empty();
    }

    @Override
    public AuthenticationManager resolve(HttpServletRequest request) {
        Optional<RealmId> realm = realmOf(request.getRequestURI());
        return new JwtIssuerAuthenticationManagerResolver(issuer -> forIssuer(realm, issuer)).resolve(request);
    }

    private AuthenticationManager forIssuer(Optional<RealmId> realmInPath, String issuer) {
        Optional<RealmTrust> trust = realmInPath
                .flatMap(realms::find)
                .filter(found -> !found.disabled())
                .map(found -> new RealmTrust(found.id(), found.settings(OAuthRealmSettings.class)))
                .filter(candidate -> candidate.settings().enabled()
                        && candidate.settings().issuer().equals(issuer));
        if (trust.isPresent()) {
            return byRealm.get(trust.get(), this::manager);
        }
        return Objects.equals(operatorIssuer, issuer) ? operator : null;
    }

    private AuthenticationManager manager(RealmTrust trust) {
        OAuthRealmSettings settings = trust.settings();
        return manager(
                settings.issuer(),
                settings.jwksUri(),
                settings.audience(),
                jwt -> BearerCaller.ofRealm(jwt, trust.realm(), scopes(jwt)));
    }

    /**
     * A decoder that takes RS256, PS256 and ES256 signatures by a key of the provider (never {@code none} or an
     * HMAC), the issuer exactly, an audience that contains ours, {@code exp} (required) and {@code nbf} within
     * {@link #CLOCK_SKEW} of this server's clock, and a subject that can name an actor.
     */
    private AuthenticationManager manager(
            String issuer, String jwksUri, String audience, Function<Jwt, BearerCaller> caller) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(
                        new IdentityProviderKeys(issuer, jwksUri, http, clock))
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .jwsAlgorithm(SignatureAlgorithm.PS256)
                .jwsAlgorithm(SignatureAlgorithm.ES256)
                // RFC 9068 access tokens say "at+jwt"; others "JWT" or nothing
                .jwtProcessorCustomizer(processor -> processor.setJWSTypeVerifier(
                        new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null)))
                .build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(CLOCK_SKEW);
        timestamps.setClock(clock);
        timestamps.setAllowEmptyExpiryClaim(false);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                timestamps,
                new JwtIssuerValidator(issuer),
                new JwtAudienceValidator(audience),
                new JwtClaimValidator<String>(JwtClaimNames.SUB, Actor::isOauthSubject)));
        JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
        provider.setJwtAuthenticationConverter(caller::apply);
        return provider::authenticate;
    }

    /** The token's scopes, from {@code scope} or else {@code scp}, as a string or a list. */
    private static List<String> scopes(Jwt jwt) {
        return SCOPES.convert(jwt).stream().map(GrantedAuthority::getAuthority).toList();
    }

    private static JwtGrantedAuthoritiesConverter scopes() {
        JwtGrantedAuthoritiesConverter converter = new JwtGrantedAuthoritiesConverter();
        converter.setAuthorityPrefix("");
        return converter;
    }
}
