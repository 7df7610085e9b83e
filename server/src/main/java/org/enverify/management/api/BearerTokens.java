package org.enverify.management.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerifierFactory;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import jakarta.servlet.http.HttpServletRequest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.enverify.management.ManagementSettings;
import org.enverify.management.OAuthRealmSettings;
import org.enverify.platform.Actor;
import org.enverify.platform.crypto.CryptoProvider;
import org.enverify.platform.net.OutboundHttp;
import org.enverify.platform.net.OutboundUrls;
import org.enverify.realm.RealmId;
import org.enverify.realm.Realms;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
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
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerAuthenticationManagerResolver;

/**
 * Picks who judges a bearer token: on a path under {@code /api/v1/realms/{realmId}/}, the realm's own
 * identity provider when the token names its issuer; on the GraphQL endpoint, whose path names no realm, the
 * provider of every realm that trusts the token's issuer and audience, the token acting in each realm whose
 * provider accepts it; everywhere, the operator's when it names that one. Any other issuer, a disabled realm,
 * or a realm without {@code oauth_enabled} gets 401. One decoder per realm and trust (issuer, keys,
 * audience), kept while in use; a changed setting makes a new one.
 */
final class BearerTokens implements AuthenticationManagerResolver<HttpServletRequest> {

    /** How far the token's and this server's clocks may disagree on {@code exp} and {@code nbf}. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    /** The GraphQL endpoint, which names no realm: a query names the realms it reads. */
    static final String GRAPHQL_PATH = "/api/v1/graphql";

    private static final Pattern REALM_PATH = Pattern.compile("/api/v1/realms/([1-9][0-9]{0,17})(/.*)?");
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);
    private static final long MAX_JWKS_BYTES = 512 * 1024;
    private static final JwtGrantedAuthoritiesConverter SCOPES = scopes();
    private static final JWSVerifierFactory SIGNATURE_VERIFIERS = signatureVerifiers();

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
    /** The realms that accept tokens, by issuer: one entry, dropped when any realm changes. */
    private final LoadingCache<Boolean, Map<String, List<RealmTrust>>> trustingRealms;

    /** @param realmsLifetime how long a realm's settings may be stale ({@code ENVERIFY_CACHE_TTL}) */
    BearerTokens(
            Realms realms,
            ManagementSettings settings,
            OutboundUrls outboundUrls,
            Clock clock,
            Duration realmsLifetime) {
        this.realms = realms;
        this.trustingRealms =
                Caffeine.newBuilder().expireAfterWrite(realmsLifetime).build(ignored -> trustingRealmsByIssuer());
        realms.onChange(changed -> trustingRealms.invalidateAll());
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
        if (request.getRequestURI().equals(GRAPHQL_PATH)) {
            return this::inEveryTrustingRealm;
        }
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

    /**
     * The token as its realms' providers judge it: the realms that trust its (unverified) issuer and audience
     * are candidates, each set of identical trust settings judges the token once, and the token acts in every
     * realm of the sets that accept it. An operator's token is the operator's provider's to judge.
     */
    private Authentication inEveryTrustingRealm(Authentication authentication) {
        JWTClaimsSet claims;
        try {
            claims = JWTParser.parse(((BearerTokenAuthenticationToken) authentication).getToken())
                    .getJWTClaimsSet();
        } catch (ParseException e) {
            throw new InvalidBearerTokenException("malformed token");
        }
        String issuer = claims.getIssuer();
        if (issuer != null && issuer.equals(operatorIssuer)) {
            return operator.authenticate(authentication);
        }
        Map<OAuthRealmSettings, List<RealmTrust>> candidates =
                trustingRealms.get(true).getOrDefault(issuer, List.of()).stream()
                        .filter(trust ->
                                claims.getAudience().contains(trust.settings().audience()))
                        .collect(Collectors.groupingBy(RealmTrust::settings, LinkedHashMap::new, Collectors.toList()));
        BearerCaller accepted = null;
        AuthenticationException refused = new InvalidBearerTokenException("no realm trusts this token");
        for (List<RealmTrust> sameTrust : candidates.values()) {
            try {
                BearerCaller caller = (BearerCaller)
                        byRealm.get(sameTrust.getFirst(), this::manager).authenticate(authentication);
                Set<RealmId> more = sameTrust.stream().map(RealmTrust::realm).collect(Collectors.toSet());
                accepted = accepted == null ? caller.alsoIn(more) : accepted.alsoIn(more);
            } catch (AuthenticationException e) {
                refused = e;
            }
        }
        if (accepted == null) {
            throw refused;
        }
        return accepted;
    }

    private Map<String, List<RealmTrust>> trustingRealmsByIssuer() {
        return realms.list().stream()
                .filter(realm -> !realm.disabled())
                .map(realm -> new RealmTrust(realm.id(), realm.settings(OAuthRealmSettings.class)))
                .filter(trust -> trust.settings().enabled())
                .collect(Collectors.groupingBy(trust -> trust.settings().issuer()));
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
                .jwtProcessorCustomizer(processor -> {
                    // RFC 9068 access tokens say "at+jwt"; others "JWT" or nothing
                    processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(
                            JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
                    processor.setJWSVerifierFactory(SIGNATURE_VERIFIERS);
                })
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

    /**
     * Signatures checked by the native provider where it loads: the JDK's own ES256 verification took most of a
     * management request's CPU.
     */
    private static JWSVerifierFactory signatureVerifiers() {
        DefaultJWSVerifierFactory factory = new DefaultJWSVerifierFactory();
        factory.getJCAContext().setProvider(CryptoProvider.nativeOrNull());
        return factory;
    }

    private static JwtGrantedAuthoritiesConverter scopes() {
        JwtGrantedAuthoritiesConverter converter = new JwtGrantedAuthoritiesConverter();
        converter.setAuthorityPrefix("");
        return converter;
    }
}
