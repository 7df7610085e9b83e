package org.enverify.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.enverify.EnverifyApplication;
import org.enverify.support.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A process serves only its roles' routes: the others answer 404 as if they did not exist. */
class RoleRoutesIntegrationTests {

    private static final String DATA_DIR = "target/test-var/roles";

    @Test
    void deviceApiAloneServesOnlyTheDeviceApi() {
        withRoles("device-api", api -> {
            assertThat(api.post("/api/verify", null, "{}").status()).isEqualTo(401);
            assertThat(api.post("/api/certificate", null, "{}").status()).isEqualTo(401);
            assertThat(api.post("/api/issue", null, "{}").status()).isEqualTo(404);
            assertThat(api.post("/api/expirecode", null, "{}").status()).isEqualTo(404);
            assertThat(api.get("/api/stats/realm.json").status()).isEqualTo(404);
            assertThat(api.get("/jwks/system").status()).isEqualTo(404);
            assertThat(api.get("/health").status()).isEqualTo(200);
        });
    }

    @Test
    void adminApiAloneServesOnlyTheAdminApi() {
        withRoles("admin-api", api -> {
            assertThat(api.post("/api/issue", null, "{}").status()).isEqualTo(401);
            assertThat(api.post("/api/batch-issue", null, "{}").status()).isEqualTo(401);
            assertThat(api.post("/api/checkcodestatus", null, "{}").status()).isEqualTo(401);
            assertThat(api.post("/api/expirecode", null, "{}").status()).isEqualTo(401);
            assertThat(api.get("/api/stats/realm.json").status()).isEqualTo(401);
            assertThat(api.get("/api/stats/realm/external-issuers.csv").status())
                    .isEqualTo(401);
            assertThat(api.post("/api/verify", null, "{}").status()).isEqualTo(404);
            assertThat(api.get("/jwks/system").status()).isEqualTo(404);
            assertThat(api.get("/health").status()).isEqualTo(200);
        });
    }

    @Test
    void uiAloneServesTheKeysButNoApi() {
        withRoles("ui", api -> {
            assertThat(api.get("/jwks/system").status()).isEqualTo(200);
            assertThat(api.post("/api/verify", null, "{}").status()).isEqualTo(404);
            assertThat(api.post("/api/issue", null, "{}").status()).isEqualTo(404);
            assertThat(api.get("/api/stats/realm.json").status()).isEqualTo(404);
            assertThat(api.get("/health?service=database").json().path("status").asString())
                    .isEqualTo("ok");
        });
    }

    @Test
    void workerAndRedirectServeHealthOnlyForNow() {
        withRoles("worker,redirect", api -> {
            assertThat(api.get("/health").status()).isEqualTo(200);
            assertThat(api.get("/jwks/system").status()).isEqualTo(404);
            assertThat(api.post("/api/verify", null, "{}").status()).isEqualTo(404);
            assertThat(api.post("/api/issue", null, "{}").status()).isEqualTo(404);
        });
    }

    private static void withRoles(String roles, java.util.function.Consumer<ApiClient> checks) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(EnverifyApplication.class)
                .properties(Map.of("enverify.roles", roles, "server.port", "0", "enverify.data-dir", DATA_DIR))
                .run()) {
            int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
            checks.accept(new ApiClient(port));
        }
    }
}
