package org.enverify.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Identity providers for the management API's tests, served over real HTTP by the JDK's server on
 * {@code localhost}: each tenant has its issuer ({@code http://localhost:<port>/<tenant>}), an OpenID discovery
 * document, a JWKS of generated RSA and EC keys, and signs tokens with them. One server for the whole test
 * run; every test takes tenants of its own.
 */
public final class TestIdentityProvider {

    /** The operator's provider, whose tokens the application under test trusts for the system scope. */
    public static final String OPERATOR = "operator";

    public static final String OPERATOR_AUDIENCE = "enverify-operator";

    private static final TestIdentityProvider INSTANCE = new TestIdentityProvider();

    private final HttpServer server;
    private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();

    private TestIdentityProvider() {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::answer);
        server.start();
    }

    public static TestIdentityProvider get() {
        return INSTANCE;
    }

    /** A new tenant with one RSA key ({@code RS256}) and one EC key ({@code ES256}) published. */
    public Tenant newTenant() {
        return tenant("t-" + UUID.randomUUID());
    }

    public Tenant tenant(String name) {
        return tenants.computeIfAbsent(name, Tenant::new);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String[] path = exchange.getRequestURI().getPath().split("/", 3);
        Tenant tenant = path.length == 3 ? tenants.get(path[1]) : null;
        String body = null;
        if (tenant != null && path[2].equals(".well-known/openid-configuration")) {
            body = "{\"issuer\":\"" + tenant.issuer() + "\",\"jwks_uri\":\"" + tenant.jwksUri() + "\"}";
        } else if (tenant != null && path[2].equals("jwks")) {
            tenant.fetches.incrementAndGet();
            body = new JWKSet(List.copyOf(tenant.published)).toString(true);
        }
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : bytes.length);
        if (body != null) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    /** One identity provider: its issuer, its keys, and tokens it signs. */
    public final class Tenant {

        private final String name;
        private final List<JWK> published = new CopyOnWriteArrayList<>();
        private final AtomicInteger fetches = new AtomicInteger();
        private final RSAKey rsa;
        private final ECKey ec;

        private Tenant(String name) {
            this.name = name;
            this.rsa = rsaKey();
            this.ec = ecKey();
            published.add(rsa.toPublicJWK());
            published.add(ec.toPublicJWK());
        }

        public String issuer() {
            return "http://localhost:" + server.getAddress().getPort() + "/" + name;
        }

        public String jwksUri() {
            return issuer() + "/jwks";
        }

        /** How often the JWKS was fetched. */
        public int jwksFetches() {
            return fetches.get();
        }

        /** A token of this issuer for the audience, subject and scope (space-separated), valid 5 minutes from now. */
        public String token(Instant now, String audience, String subject, String scope) {
            return token(
                    now, claims -> claims.audience(audience).subject(subject).claim("scope", scope));
        }

        /** An RS256 token of this issuer, issued now, expiring 5 minutes later, with the claims adjusted. */
        public String token(Instant now, UnaryOperator<JWTClaimsSet.Builder> claims) {
            return sign(rsa, JWSAlgorithm.RS256, now, claims);
        }

        /** A token signed with the EC key (ES256). */
        public String ecToken(Instant now, UnaryOperator<JWTClaimsSet.Builder> claims) {
            return sign(ec, JWSAlgorithm.ES256, now, claims);
        }

        /** A token signed PS256 with the RSA key. */
        public String psToken(Instant now, UnaryOperator<JWTClaimsSet.Builder> claims) {
            return sign(rsa, JWSAlgorithm.PS256, now, claims);
        }

        /** A token signed with a new RSA key that is not (yet) published, under a new key id. */
        public RSAKey unpublishedKey() {
            return rsaKey();
        }

        /** Publishes a key, as a provider does when it rotates. */
        public void publish(RSAKey key) {
            published.add(key.toPublicJWK());
        }

        public String sign(JWK key, JWSAlgorithm algorithm, Instant now, UnaryOperator<JWTClaimsSet.Builder> claims) {
            JWTClaimsSet set = claims.apply(defaults(now)).build();
            try {
                JWSSigner signer =
                        key instanceof RSAKey rsaKey ? new RSASSASigner(rsaKey) : new ECDSASigner((ECKey) key);
                SignedJWT jwt = new SignedJWT(
                        new JWSHeader.Builder(algorithm)
                                .keyID(key.getKeyID())
                                .type(JOSEObjectType.JWT)
                                .build(),
                        set);
                jwt.sign(signer);
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        /** An HS256 token whose secret is the RSA key's public modulus, as in the algorithm-confusion attack. */
        public String hmacToken(Instant now, UnaryOperator<JWTClaimsSet.Builder> claims) {
            try {
                JWTClaimsSet set = claims.apply(defaults(now)).build();
                SignedJWT jwt = new SignedJWT(
                        new JWSHeader.Builder(JWSAlgorithm.HS256)
                                .keyID(rsa.getKeyID())
                                .build(),
                        set);
                jwt.sign(new MACSigner(rsa.getModulus().decode()));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        /** An unsigned token ({@code alg: none}). */
        public String unsignedToken(Instant now, UnaryOperator<JWTClaimsSet.Builder> claims) {
            return new PlainJWT(claims.apply(defaults(now)).build()).serialize();
        }

        private JWTClaimsSet.Builder defaults(Instant now) {
            return new JWTClaimsSet.Builder()
                    .issuer(issuer())
                    .issueTime(Date.from(now))
                    .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                    .jwtID(UUID.randomUUID().toString());
        }
    }

    private static RSAKey rsaKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("rsa-" + UUID.randomUUID()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey ecKey() {
        try {
            return new ECKeyGenerator(Curve.P_256)
                    .keyID("ec-" + UUID.randomUUID())
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Points the application's system scope at the {@link #OPERATOR} tenant. */
    public static final class OperatorProperties
            implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            List<String> properties = new ArrayList<>();
            properties.add("enverify.oauth.issuer-uri=" + get().tenant(OPERATOR).issuer());
            properties.add("enverify.oauth.audience=" + OPERATOR_AUDIENCE);
            TestPropertyValues.of(properties).applyTo(context);
        }
    }
}
