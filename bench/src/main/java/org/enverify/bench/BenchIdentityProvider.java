package org.enverify.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * The identity provider of the management API's phases, a fixture of the bench: an ES256 key made for the
 * run, its JWKS served on 127.0.0.1 by the JDK's HTTP server, and tokens signed with it as a realm's provider
 * issues them. Enverify fetches the JWKS once and keeps it, so the provider is no part of what is measured.
 */
final class BenchIdentityProvider implements AutoCloseable {

    static final String AUDIENCE = "enverify-bench";

    private final ECKey key;
    private final HttpServer server;

    BenchIdentityProvider() throws IOException, JOSEException {
        key = new ECKeyGenerator(Curve.P_256)
                .keyID("bench-" + UUID.randomUUID())
                .generate();
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        server.start();
    }

    private String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The CLI command that makes a realm trust this provider's tokens for {@link #AUDIENCE}. */
    String[] trustCommand(long realm) {
        return List.of(
                        "realm",
                        "set",
                        Long.toString(realm),
                        "oauth_enabled=true",
                        "oauth_issuer=" + issuer(),
                        "oauth_jwks_uri=" + issuer() + "/jwks",
                        "oauth_audience=" + AUDIENCE)
                .toArray(String[]::new);
    }

    /** A token for {@link #AUDIENCE} with the scopes (space-separated), valid from now for {@code lifetime}. */
    String token(String subject, String scope, Duration lifetime) throws JOSEException {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                new JWTClaimsSet.Builder()
                        .issuer(issuer())
                        .audience(AUDIENCE)
                        .subject(subject)
                        .claim("scope", scope)
                        .issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plus(lifetime)))
                        .build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
