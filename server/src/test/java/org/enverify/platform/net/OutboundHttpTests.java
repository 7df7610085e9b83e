package org.enverify.platform.net;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A guarded client checks the URL of every hop before it calls it. */
@Tag("security")
class OutboundHttpTests {

    static WireMockServer server;

    private final OutboundHttp closedNetwork = new OutboundHttp(Duration.ofSeconds(10), 1000, guard(true));
    private final OutboundHttp strict = new OutboundHttp(Duration.ofSeconds(10), 1000, guard(false));

    @BeforeAll
    static void start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
    }

    @Test
    void redirectsAreFollowedAfterTheirTargetIsChecked() {
        server.stubFor(post(urlEqualTo("/start"))
                .willReturn(aResponse().withStatus(303).withHeader("Location", "/end")));
        server.stubFor(
                get(urlEqualTo("/end")).willReturn(aResponse().withStatus(200).withBody("done")));

        OutboundHttp.Response response = closedNetwork.post(uri("/start"), Map.of(), new byte[] {1});

        assertThat(response.status()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("done");
    }

    @Test
    void aRedirectToARefusedUrlIsNotFollowed() {
        server.stubFor(get(urlEqualTo("/start"))
                .willReturn(aResponse().withStatus(302).withHeader("Location", "https://user:pw@example.org/")));

        assertThatThrownBy(() -> closedNetwork.get(uri("/start"), Map.of()))
                .isInstanceOf(OutboundHttpException.class)
                .hasMessageContaining("refused");
    }

    @Test
    void aPrivateAddressIsNeverCalled() {
        server.stubFor(get(urlEqualTo("/start")).willReturn(aResponse().withStatus(200)));

        assertThatThrownBy(() -> strict.get(URI.create("https://127.0.0.1:" + server.port() + "/start"), Map.of()))
                .isInstanceOf(OutboundHttpException.class)
                .hasMessageContaining("special-purpose");
        server.verify(0, getRequestedFor(urlEqualTo("/start")));
    }

    private static URI uri(String path) {
        return URI.create(server.baseUrl() + path);
    }

    private static OutboundUrls guard(boolean allowPrivate) {
        return new OutboundUrls(new WebhookSettings(
                allowPrivate, Duration.ofSeconds(1), 3, Duration.ofSeconds(1), Duration.ofHours(24)));
    }
}
