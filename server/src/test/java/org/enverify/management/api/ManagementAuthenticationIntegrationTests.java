package org.enverify.management.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enverify.support.OAuthRealm.bearer;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.enverify.apikey.ApiKeys;
import org.enverify.audit.AuditEntries;
import org.enverify.audit.AuditEntry;
import org.enverify.audit.AuditQuery;
import org.enverify.realm.Realms;
import org.enverify.support.ApiClient;
import org.enverify.support.ManagementApiIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.OAuthRealm;
import org.enverify.support.TestIdentityProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every rule by which the management API accepts or refuses a bearer token, on the realm's settings document. */
@ManagementApiIntegrationTest
@Tag("security")
class ManagementAuthenticationIntegrationTests {

    private static final String INVALID_TOKEN = "Bearer error=\"invalid_token\"";

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    AuditEntries audit;

    private OAuthRealm realm;
    private ApiClient api;
    private MutableClock clock;

    @BeforeEach
    void realmTrustingItsProvider(ApiClient api, MutableClock clock) {
        this.api = api;
        this.clock = clock;
        this.realm = OAuthRealm.create(realms, apiKeys, clock);
    }

    private ApiClient.Response settings(String token) {
        return api.request("GET", realm.path("/settings"), token == null ? Map.of() : bearer(token), null);
    }

    private void assertRefused(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).isEqualTo(INVALID_TOKEN);
        assertThat(response.json().path("status").asString()).isEqualTo("error");
        assertThat(response.json().path("error").path("code").asString()).isEqualTo("unauthorized");
    }

    @Test
    void aTokenOfTheRealmsProviderWithTheScopeReadsTheSettings() {
        ApiClient.Response response = settings(realm.token("SettingsRead"));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("status").asString()).isEqualTo("success");
        assertThat(response.json().path("data").path("oauth_issuer").asString())
                .isEqualTo(realm.provider().issuer());
        assertThat(response.header("ETag")).matches("\"[0-9a-f]{32}\"");
        assertThat(response.header("X-Request-Id")).isNotBlank();
    }

    @Test
    void rs256Ps256AndEs256SignaturesAreAccepted() {
        var scoped = (java.util.function.UnaryOperator<com.nimbusds.jwt.JWTClaimsSet.Builder>)
                claims -> claims.audience(OAuthRealm.AUDIENCE).subject("alice").claim("scope", "enverify:SettingsRead");

        assertThat(settings(realm.provider().token(clock.instant(), scoped)).status())
                .isEqualTo(200);
        assertThat(settings(realm.provider().psToken(clock.instant(), scoped)).status())
                .isEqualTo(200);
        assertThat(settings(realm.provider().ecToken(clock.instant(), scoped)).status())
                .isEqualTo(200);
    }

    @Test
    void aMissingOrMalformedTokenIsRefused() {
        assertRefused(settings(null));
        assertRefused(settings("not-a-jwt"));
        assertRefused(api.request("GET", realm.path("/settings"), Map.of("Authorization", "Basic YTpi"), null));
    }

    @Test
    void expiryAndNotBeforeAllowSixtySecondsOfSkewAndNoMore() {
        assertThat(settings(realm.provider()
                                .token(
                                        clock.instant(),
                                        claims -> scoped(claims)
                                                .issueTime(Date.from(
                                                        clock.instant().minusSeconds(600)))
                                                .expirationTime(Date.from(
                                                        clock.instant().minusSeconds(50)))))
                        .status())
                .isEqualTo(200);
        assertRefused(settings(realm.provider()
                .token(
                        clock.instant(),
                        claims -> scoped(claims)
                                .issueTime(Date.from(clock.instant().minusSeconds(600)))
                                .expirationTime(Date.from(clock.instant().minusSeconds(70))))));
        assertThat(settings(realm.provider()
                                .token(
                                        clock.instant(),
                                        claims -> scoped(claims)
                                                .notBeforeTime(Date.from(
                                                        clock.instant().plusSeconds(50)))))
                        .status())
                .isEqualTo(200);
        assertRefused(settings(realm.provider()
                .token(
                        clock.instant(),
                        claims -> scoped(claims)
                                .notBeforeTime(Date.from(clock.instant().plusSeconds(70))))));
        assertRefused(settings(
                realm.provider().token(clock.instant(), claims -> scoped(claims).expirationTime(null))));
    }

    @Test
    void aTokenExpiresWithTheServersClock() {
        String token = realm.token("SettingsRead");
        assertThat(settings(token).status()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(7));

        assertRefused(settings(token));
    }

    @Test
    void unsignedHmacAndForeignlySignedTokensAreRefused() {
        assertRefused(settings(realm.provider().unsignedToken(clock.instant(), this::scoped)));
        assertRefused(settings(realm.provider().hmacToken(clock.instant(), this::scoped)));
        RSAKey stranger = realm.provider().unpublishedKey();
        assertRefused(settings(realm.provider().sign(stranger, JWSAlgorithm.RS256, clock.instant(), this::scoped)));
    }

    @Test
    void theIssuerIsPinnedAndTheAudienceMustBeOurs() {
        TestIdentityProvider.Tenant other = TestIdentityProvider.get().newTenant();
        assertRefused(settings(other.token(clock.instant(), OAuthRealm.AUDIENCE, "alice", "enverify:SettingsRead")));
        assertRefused(settings(
                realm.provider().token(clock.instant(), claims -> scoped(claims).issuer(other.issuer()))));
        assertRefused(settings(
                realm.provider().token(clock.instant(), claims -> scoped(claims).audience("someone-else"))));
        assertThat(settings(realm.provider()
                                .token(
                                        clock.instant(),
                                        claims ->
                                                scoped(claims).audience(List.of("someone-else", OAuthRealm.AUDIENCE))))
                        .status())
                .isEqualTo(200);
        assertRefused(settings(
                realm.provider().token(clock.instant(), claims -> scoped(claims).subject(null))));
    }

    @Test
    void realmAsTokenIsRefusedOnRealmBsPath() {
        OAuthRealm other = OAuthRealm.create(realms, apiKeys, clock);

        ApiClient.Response response =
                api.request("GET", other.path("/settings"), bearer(realm.token("SettingsRead")), null);

        assertRefused(response);
    }

    @Test
    void aScopeWithoutThePermissionIsForbidden() {
        ApiClient.Response response = settings(realm.token("UserRead", "CodeIssue"));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer error=\"insufficient_scope\"");
        assertThat(response.json().path("error").path("code").asString()).isEqualTo("insufficient_scope");
        assertThat(response.json().path("error").path("message").asString()).contains("enverify:SettingsRead");
    }

    @Test
    void scopesMayComeAsTheScpListAndAWritePermissionImpliesItsRead() {
        assertThat(settings(realm.provider()
                                .token(
                                        clock.instant(),
                                        claims -> claims.audience(OAuthRealm.AUDIENCE)
                                                .subject("alice")
                                                .claim("scp", List.of("enverify:SettingsRead"))))
                        .status())
                .isEqualTo(200);
        assertThat(settings(realm.token("SettingsWrite")).status()).isEqualTo(200);
    }

    @Test
    void aRealmWithoutOauthOrDisabledTakesNoToken() {
        realms.update(realm.id(), Map.of("oauth_enabled", "false"), org.enverify.platform.Actor.cli());
        assertRefused(settings(realm.token("SettingsRead")));

        realms.update(
                realm.id(), Map.of("oauth_enabled", "true", "disabled", "true"), org.enverify.platform.Actor.cli());
        assertRefused(settings(realm.token("SettingsRead")));
    }

    @Test
    void anUnknownKeyIdFetchesTheKeysAgainAtMostOncePerMinute() {
        assertThat(settings(realm.token("SettingsRead")).status()).isEqualTo(200);
        int fetched = realm.provider().jwksFetches();
        RSAKey rotated = realm.provider().unpublishedKey();
        realm.provider().publish(rotated);

        assertRefused(settings(realm.provider().sign(rotated, JWSAlgorithm.RS256, clock.instant(), this::scoped)));
        assertThat(realm.provider().jwksFetches()).isEqualTo(fetched);

        clock.advance(Duration.ofSeconds(61));
        assertThat(settings(realm.provider().sign(rotated, JWSAlgorithm.RS256, clock.instant(), this::scoped))
                        .status())
                .isEqualTo(200);
        assertThat(realm.provider().jwksFetches()).isEqualTo(fetched + 1);

        RSAKey made_up = realm.provider().unpublishedKey();
        for (int i = 0; i < 3; i++) {
            assertRefused(settings(realm.provider().sign(made_up, JWSAlgorithm.RS256, clock.instant(), this::scoped)));
        }
        assertThat(realm.provider().jwksFetches()).isEqualTo(fetched + 1);
    }

    @Test
    void anExplicitJwksUriIsUsedInsteadOfDiscovery() {
        OAuthRealm explicit = OAuthRealm.create(realms, apiKeys, clock);
        realms.update(
                explicit.id(),
                Map.of("oauth_jwks_uri", explicit.provider().jwksUri()),
                org.enverify.platform.Actor.cli());

        ApiClient.Response response =
                api.request("GET", explicit.path("/settings"), bearer(explicit.token("SettingsRead")), null);

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void theOperatorsSystemTokenActsInAnyRealmAndOtherOperatorTokensDoNot() {
        assertThat(settings(OAuthRealm.operatorToken(clock)).status()).isEqualTo(200);

        ApiClient.Response withoutSystem = settings(TestIdentityProvider.get()
                .tenant(TestIdentityProvider.OPERATOR)
                .token(clock.instant(), TestIdentityProvider.OPERATOR_AUDIENCE, "ops-robot", "enverify:SettingsRead"));
        assertThat(withoutSystem.status()).isEqualTo(403);
    }

    @Test
    void aChangeIsAuditedForTheTokensSubjectAndTheRequest() {
        ApiClient.Response response = api.request(
                "PATCH",
                realm.path("/settings"),
                Map.of(
                        "Authorization", "Bearer " + realm.tokenOf("carol@pha.example", "SettingsWrite"),
                        "Content-Type", "application/json",
                        "X-Request-Id", "sync-job-42"),
                "{\"code_length\":\"6\"}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("X-Request-Id")).isEqualTo("sync-job-42");
        AuditEntry entry =
                audit.page(realm.id(), AuditQuery.all(0, 1)).entries().getFirst();
        assertThat(entry.actor()).isEqualTo("oauth:carol@pha.example");
        assertThat(entry.requestId()).isEqualTo("sync-job-42");
        assertThat(entry.diff()).containsKey("code_length");
    }

    private com.nimbusds.jwt.JWTClaimsSet.Builder scoped(com.nimbusds.jwt.JWTClaimsSet.Builder claims) {
        return claims.audience(OAuthRealm.AUDIENCE).subject("alice").claim("scope", "enverify:SettingsRead");
    }
}
