package org.enverify.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.enverify.support.ApiClient;
import org.enverify.support.EnverifyIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

@EnverifyIntegrationTest
@TestPropertySource(properties = "enverify.internal-token=an-operator-token-of-some-length")
class InternalJobsIntegrationTests {

    @LocalServerPort
    int port;

    private ApiClient.Response call(String job, Map<String, String> headers) {
        return new ApiClient(port).postWithHeaders("/internal/jobs/" + job, headers, "");
    }

    @Test
    void runsATaskForTheBearerOfTheToken() {
        ApiClient.Response ran = call("cleanup", Map.of("Authorization", "Bearer an-operator-token-of-some-length"));
        assertThat(ran.status()).isEqualTo(200);
        assertThat(ran.json().path("ok").asBoolean()).isTrue();
        assertThat(ran.json().path("result").asString()).contains("expired codes", "expired tokens", "retired keys");
        assertThat(call("rotation", Map.of("Authorization", "Bearer an-operator-token-of-some-length"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void refusesAMissingOrWrongToken() {
        assertThat(call("cleanup", Map.of()).status()).isEqualTo(401);
        assertThat(call("cleanup", Map.of("Authorization", "Bearer an-operator-token-of-some-lengtH"))
                        .status())
                .isEqualTo(401);
        assertThat(call("cleanup", Map.of("Authorization", "Basic an-operator-token-of-some-length"))
                        .status())
                .isEqualTo(401);
        assertThat(call("cleanup", Map.of("Authorization", "Bearer ")).status()).isEqualTo(401);
    }

    @Test
    void anUnknownJobIsNotFoundOnlyForTheTokenBearer() {
        assertThat(call("nonsense", Map.of()).status()).isEqualTo(401);
        assertThat(call("nonsense", Map.of("Authorization", "Bearer an-operator-token-of-some-length"))
                        .status())
                .isEqualTo(404);
    }
}
