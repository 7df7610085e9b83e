package org.enverify.management.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.enverify.support.OAuthRealm.bearer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.enverify.apikey.ApiKeys;
import org.enverify.platform.Actor;
import org.enverify.realm.Realms;
import org.enverify.support.ApiClient;
import org.enverify.support.ManagementApiIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.OAuthRealm;
import org.enverify.support.ThirdParties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A realm's identity provider out of reach or failing is out of our hands and may pass: its tokens get 503 with
 * {@code Retry-After} in the envelope, never 500, and never 401 (the token was not judged bad).
 */
@ManagementApiIntegrationTest
class IdentityProviderOutageIntegrationTests {

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    private static void assertUnavailable(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(503);
        assertThat(response.header("Retry-After")).isEqualTo("60");
        assertThat(response.json().path("status").asString()).isEqualTo("error");
        assertThat(response.json().path("error").path("code").asString()).isEqualTo("internal_server_error");
    }

    @Test
    void anUnreachableProviderIsA503UntilItAnswersAgain(ApiClient api, MutableClock clock) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        OAuthRealm realm = OAuthRealm.create(
                realms, apiKeys, clock, Map.of("oauth_jwks_uri", "http://localhost:" + closedPort + "/jwks"));

        assertUnavailable(api.request("GET", realm.path("/settings"), bearer(realm.token("SettingsRead")), null));
        // within the minute the provider is not asked again, and the answer stays the same
        assertUnavailable(api.request("GET", realm.path("/settings"), bearer(realm.token("SettingsRead")), null));

        realms.update(realm.id(), Map.of("oauth_jwks_uri", realm.provider().jwksUri()), Actor.cli());
        assertThat(api.request("GET", realm.path("/settings"), bearer(realm.token("SettingsRead")), null)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aProviderAnsweringServerErrorsIsA503AndNothingChanges(ApiClient api, MutableClock clock) {
        String jwks = "/idp-" + UUID.randomUUID() + "/jwks";
        ThirdParties.server()
                .stubFor(get(urlEqualTo(jwks)).willReturn(aResponse().withStatus(502)));
        OAuthRealm realm = OAuthRealm.create(
                realms,
                apiKeys,
                clock,
                Map.of(
                        "oauth_jwks_uri",
                        "http://localhost:" + ThirdParties.server().port() + jwks));
        String before = realms.find(realm.id()).map(realms::settingsVersion).orElseThrow();
        Map<String, String> headers = new HashMap<>(bearer(realm.token("SettingsWrite")));
        headers.put("Content-Type", "application/json");

        assertUnavailable(api.request("PATCH", realm.path("/settings"), headers, "{\"code_length\":\"7\"}"));

        assertThat(realms.find(realm.id()).map(realms::settingsVersion).orElseThrow())
                .isEqualTo(before);
    }
}
