package org.enverify.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.enverify.support.ApiClient;
import org.enverify.support.EnverifyIntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Metrics and probes are on the management port only: the main port, the one a proxy publishes,
 * answers 404 for them and keeps {@code /health} for load balancers.
 */
@EnverifyIntegrationTest
@Tag("security")
class ManagementPortIntegrationTests {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void theMainPortServesNoManagementEndpoint(ApiClient main) {
        assertThat(managementPort).isNotEqualTo(port);
        for (String path : new String[] {
            "/actuator/prometheus", "/actuator/health", "/actuator/health/readiness", "/actuator/info", "/actuator"
        }) {
            ApiClient.Response answer = main.get(path);
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.body()).as(path).doesNotContain("enverify_", "jvm_");
        }
        assertThat(main.get("/health").status()).isEqualTo(200);
        assertThat(main.get("/health?service=database").status()).isEqualTo(200);
    }

    @Test
    void theManagementPortServesProbesAndMetrics() {
        ApiClient management = new ApiClient(managementPort);

        assertThat(management.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(management.get("/actuator/health/readiness").status()).isEqualTo(200);
        ApiClient.Response scrape = management.get("/actuator/prometheus");
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.body()).contains("jvm_memory_used_bytes");
    }
}
