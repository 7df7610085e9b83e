package org.enverify.account;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.enverify.apikey.ApiKeys;
import org.enverify.platform.Actor;
import org.enverify.realm.Permission;
import org.enverify.realm.Realms;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.enverify.support.UiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Sign-in through an OpenID Connect provider that WireMock plays: its discovery document, keys and token
 * endpoint, with ID tokens this test signs. The browser follows the redirect to the provider by reading
 * {@code state} and {@code nonce} from it and comes back with a code, as a person's browser would.
 */
@EnverifyIntegrationTest
class OidcSignInIntegrationTests {

    private static final String CLIENT_ID = "enverify-test";
    private static final WireMockServer IDP = new WireMockServer(options().dynamicPort());
    private static final RSAKey KEY;

    static {
        IDP.start();
        try {
            KEY = new RSAKeyGenerator(2048).keyID("test-key").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        registry.add("enverify.oidc.issuer-uri", OidcSignInIntegrationTests::issuer);
        registry.add("enverify.oidc.client-id", () -> CLIENT_ID);
        registry.add("enverify.oidc.client-secret", () -> "test-secret");
        registry.add("enverify.oidc.name", () -> "Test IdP");
    }

    @AfterAll
    static void stopProvider() {
        IDP.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    Users users;

    @Autowired
    Memberships memberships;

    @Autowired
    JdbcClient jdbc;

    User worker;

    @BeforeEach
    void setUp() {
        IDP.resetAll();
        IDP.stubFor(get("/idp/.well-known/openid-configuration").willReturn(okJson("""
                {"issuer": "%1$s", "authorization_endpoint": "%1$s/authorize", "token_endpoint": "%1$s/token",
                 "jwks_uri": "%1$s/keys", "response_types_supported": ["code"], "subject_types_supported": ["public"],
                 "id_token_signing_alg_values_supported": ["RS256"], "scopes_supported": ["openid", "email"]}
                """.formatted(issuer()))));
        IDP.stubFor(get("/idp/keys").willReturn(okJson(new JWKSet(KEY.toPublicJWK()).toString())));
        TestRealm realm = TestRealm.create(realms, apiKeys, Map.of("mfa_mode", "required"));
        worker = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
    }

    @Test
    void aVerifiedEmailOfAnAccountSignsInAsThatAccount(UiClient browser) throws Exception {
        assertThat(browser.get("/login").body())
                .contains("Sign in with Test IdP")
                .contains("href=\"/login/oauth2/authorization/oidc\"");

        UiClient.Page callback = signIn(browser, worker.email(), true);
        assertThat(callback.location()).endsWith("/login/continue");
        assertThat(browser.follow(callback).body())
                .as("the provider answers for the second factor, even in a realm that requires one")
                .contains("name=\"testType\"")
                .contains(worker.email());
        assertThat(users.find(worker.id()).orElseThrow().emailVerified()).isTrue();
        IDP.verify(postRequestedFor(urlEqualTo("/idp/token")).withRequestBody(containing("code=the-code")));

        assertThat(jdbc.sql("SELECT count(*) FROM spring_session WHERE principal_name = ?")
                        .param(Long.toString(worker.id()))
                        .query(Long.class)
                        .single())
                .as("the session is indexed by the user id, as after a password sign-in")
                .isOne();
        users.revokeSessions(worker.id(), Actor.system());
        assertThat(browser.get("/codes/issue").location()).endsWith("/login");
    }

    @Test
    void anUnverifiedEmailIsRefused(UiClient browser) throws Exception {
        UiClient.Page callback = signIn(browser, worker.email(), false);
        assertThat(callback.location()).endsWith("/login/oidc-refused?reason=email_unverified");
        UiClient.Page refused = browser.follow(callback);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("did not confirm that your email address is verified");
        assertThat(browser.get("/codes/issue").location()).endsWith("/login");
    }

    @Test
    void anUnknownOrDeletedAccountIsRefusedAndNoneIsCreated(UiClient browser, UiClient deleted) throws Exception {
        String stranger = "stranger-" + UUID.randomUUID() + "@example.org";
        UiClient.Page callback = signIn(browser, stranger, true);
        assertThat(callback.location()).endsWith("/login/oidc-refused?reason=unknown_account");
        assertThat(browser.follow(callback).body()).contains("No Enverify account uses the email address");
        assertThat(users.findByEmail(stranger)).isEmpty();

        users.delete(worker.id(), Actor.system());
        assertThat(signIn(deleted, worker.email(), true).location())
                .endsWith("/login/oidc-refused?reason=unknown_account");
        assertThat(deleted.get("/codes/issue").location()).endsWith("/login");
    }

    @Test
    void aForgedAnswerIsRefused(UiClient wrongNonce, UiClient wrongState, UiClient wrongKey) throws Exception {
        URI authorize =
                URI.create(wrongNonce.get("/login/oauth2/authorization/oidc").location());
        stubToken(idToken(worker.email(), true, "another-nonce", KEY));
        UiClient.Page callback = wrongNonce.get("/login/oauth2/code/oidc?code=the-code&state="
                + encode(query(authorize).get("state")));
        assertThat(callback.location()).endsWith("/login/oidc-refused?reason=failed");
        assertThat(wrongNonce.follow(callback).body()).contains("did not work");

        wrongState.get("/login/oauth2/authorization/oidc");
        assertThat(wrongState
                        .get("/login/oauth2/code/oidc?code=the-code&state=forged")
                        .location())
                .endsWith("/login/oidc-refused?reason=failed");

        URI second = URI.create(wrongKey.get("/login/oauth2/authorization/oidc").location());
        RSAKey other = new RSAKeyGenerator(2048).keyID("test-key").generate();
        stubToken(idToken(worker.email(), true, query(second).get("nonce"), other));
        assertThat(wrongKey.get("/login/oauth2/code/oidc?code=the-code&state="
                                + encode(query(second).get("state")))
                        .location())
                .endsWith("/login/oidc-refused?reason=failed");
        assertThat(wrongKey.get("/codes/issue").location()).endsWith("/login");
    }

    /** Goes to the provider, which signs the person in at once, and back with a code; returns the callback's answer. */
    private UiClient.Page signIn(UiClient browser, String email, boolean verified) throws Exception {
        UiClient.Page redirect = browser.get("/login/oauth2/authorization/oidc");
        assertThat(redirect.status()).isEqualTo(302);
        URI authorize = URI.create(redirect.location());
        assertThat(authorize.getPath()).isEqualTo("/idp/authorize");
        Map<String, String> parameters = query(authorize);
        assertThat(parameters)
                .containsEntry("client_id", CLIENT_ID)
                .containsEntry("response_type", "code")
                .containsEntry("redirect_uri", "http://localhost:" + port + "/login/oauth2/code/oidc");
        stubToken(idToken(email, verified, parameters.get("nonce"), KEY));
        return browser.get("/login/oauth2/code/oidc?code=the-code&state=" + encode(parameters.get("state")));
    }

    private static void stubToken(String idToken) {
        IDP.stubFor(post("/idp/token")
                .withBasicAuth(CLIENT_ID, "test-secret")
                .withRequestBody(containing("grant_type=authorization_code"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"access_token": "access", "token_type": "Bearer", "expires_in": 300,
                                 "scope": "openid email profile", "id_token": "%s"}""".formatted(idToken))));
    }

    private static String idToken(String email, boolean verified, String nonce, RSAKey key) throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer())
                .subject("person-" + email.hashCode())
                .audience(CLIENT_ID)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .claim("nonce", nonce)
                .claim("email", email)
                .claim("email_verified", verified)
                .build();
        SignedJWT token = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        token.sign(new RSASSASigner(key));
        return token.serialize();
    }

    private static String issuer() {
        return "http://localhost:" + IDP.port() + "/idp";
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> parameters = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            parameters.put(
                    URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
