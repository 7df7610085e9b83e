package org.enverify.deploy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.enverify.support.ApiClient;
import org.enverify.support.EnverifyProcess;
import org.enverify.support.LocalPorts;
import org.enverify.support.Waiting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** With ENVERIFY_OTLP_ENDPOINT set, traces leave over OTLP/HTTP and log lines carry their trace id. */
class TracingIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dataDir;

    @Test
    void tracesAreExportedAndRequestLinesNameTheirTrace() throws Exception {
        WireMockServer collector = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        collector.start();
        try {
            collector.stubFor(
                    post(urlEqualTo("/v1/traces")).willReturn(aResponse().withStatus(200)));
            int port = LocalPorts.free();
            try (EnverifyProcess server = EnverifyProcess.start(Map.of(
                    "ENVERIFY_DATA_DIR",
                    dataDir.toString(),
                    "ENVERIFY_PORT",
                    Integer.toString(port),
                    "ENVERIFY_ROLES",
                    "device-api",
                    "ENVERIFY_LOG_FORMAT",
                    "json",
                    "ENVERIFY_TRACE_SAMPLING",
                    "1.0",
                    "ENVERIFY_OTLP_ENDPOINT",
                    "http://127.0.0.1:" + collector.port() + "/v1/traces"))) {
                ApiClient api = new ApiClient(port);
                server.awaitHealthy(api, Duration.ofMinutes(4));
                assertThat(api.post("/api/verify", null, Map.of("code", "12345678"))
                                .status())
                        .isEqualTo(401);

                Waiting.until(
                        "a trace batch to reach the collector",
                        Duration.ofMinutes(4),
                        () -> !collector
                                .findAll(postRequestedFor(urlEqualTo("/v1/traces")))
                                .isEmpty());
                JsonNode line = server.stdout()
                        .lines()
                        .filter(text -> text.startsWith("{") && text.contains("\"route\":\"/api/verify\""))
                        .map(JSON::readTree)
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no request line for /api/verify"));
                assertThat(line.path("traceId").asString()).as(line.toString()).matches("[0-9a-f]{32}");
            }
        } finally {
            collector.stop();
        }
    }
}
