package org.enverify.management.api;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.enverify.platform.net.OutboundHttp;
import org.enverify.platform.net.OutboundHttpException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The signing keys of one identity provider, from its JWKS (named, or found by OpenID discovery of the
 * issuer). Fetched at the first token, kept for {@link #MAX_AGE}, and fetched again when a token names a key
 * the set lacks, but at most once per {@link #MIN_INTERVAL}: a stream of tokens with made-up key ids never
 * becomes a stream of calls to the provider. Keys that cannot be had (the provider out of reach, answering an
 * error or nonsense) fail the token's check with a {@link KeySourceException}, also while a failed fetch is not
 * yet retried: the caller is told to come back, not that its token is bad.
 */
final class IdentityProviderKeys implements JWKSource<SecurityContext> {

    static final Duration MIN_INTERVAL = Duration.ofMinutes(1);
    static final Duration MAX_AGE = Duration.ofMinutes(15);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, String> ACCEPT_JSON = Map.of("Accept", "application/json");

    private final String issuer;
    private final String configuredJwksUri;
    private final OutboundHttp http;
    private final Clock clock;

    private JWKSet keys;
    private Instant fetchedAt;
    /** Why the last fetch failed; null when it succeeded. */
    private String failure;

    /** @param jwksUri empty to find the keys by OpenID discovery of the issuer */
    IdentityProviderKeys(String issuer, String jwksUri, OutboundHttp http, Clock clock) {
        this.issuer = issuer;
        this.configuredJwksUri = jwksUri;
        this.http = http;
        this.clock = clock;
    }

    @Override
    public synchronized List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        Instant now = clock.instant();
        if (keys == null || !now.isBefore(fetchedAt.plus(MAX_AGE))) {
            fetch(now);
        }
        List<JWK> found = selector.select(keys);
        if (found.isEmpty() && !now.isBefore(fetchedAt.plus(MIN_INTERVAL))) {
            fetch(now);
            found = selector.select(keys);
        } else if (found.isEmpty() && failure != null) {
            throw new KeySourceException("The identity provider's keys could not be fetched: " + failure);
        }
        return found;
    }

    /** Why a token was refused, when it was because its provider's keys could not be had (a retry may cure it). */
    static Optional<String> unavailable(Throwable refusal) {
        for (Throwable cause = refusal; cause != null; cause = cause.getCause()) {
            if (cause instanceof KeySourceException keys) {
                return Optional.of(keys.getMessage());
            }
        }
        return Optional.empty();
    }

    private void fetch(Instant now) throws KeySourceException {
        try {
            JWKSet fetched = JWKSet.parse(text(jwksUri()));
            keys = fetched.toPublicJWKSet();
            failure = null;
        } catch (OutboundHttpException | ParseException | JacksonException | IllegalArgumentException e) {
            failure = e.getMessage();
            throw new KeySourceException("The identity provider's keys could not be fetched: " + failure, e);
        } finally {
            // a failed fetch counts too, so an unreachable provider is asked at most once per interval
            fetchedAt = now;
            if (keys == null) {
                keys = new JWKSet();
            }
        }
    }

    private URI jwksUri() {
        if (!configuredJwksUri.isEmpty()) {
            return URI.create(configuredJwksUri);
        }
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        JsonNode discovery = JSON.readTree(text(URI.create(base + "/.well-known/openid-configuration")));
        if (!issuer.equals(discovery.path("issuer").asString(null))) {
            throw new IllegalArgumentException("the discovery document names another issuer");
        }
        return URI.create(discovery.path("jwks_uri").asString(""));
    }

    private String text(URI uri) {
        OutboundHttp.Response response = http.get(uri, ACCEPT_JSON);
        if (!response.ok()) {
            throw new OutboundHttpException("GET " + OutboundHttp.describe(uri) + ": status " + response.status());
        }
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
