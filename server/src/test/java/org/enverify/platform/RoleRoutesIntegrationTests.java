package org.enverify.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Consumer;
import org.enverify.EnverifyApplication;
import org.enverify.support.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A process serves only its roles' routes: the others answer 404 as if they did not exist. */
class RoleRoutesIntegrationTests {

    private static final String DATA_DIR = "target/test-var/roles";
    private static final String REDIRECT_DOMAIN = "en.example.org";
    private static final String ANDROID = "Mozilla/5.0 (Linux; Android 14; Pixel 8)";

    @Test
    void deviceApiAloneServesOnlyTheDeviceApi() {
        withRoles("device-api", api -> {
            assertThat(api.post("/api/verify", null, "{}").status()).isEqualTo(401);
            assertThat(api.post("/api/certificate", null, "{}").status()).isEqualTo(401);
            assertThat(chaff(api, "/api/user-report").status())
                    .as("chaff is answered, so it needs a key")
                    .isEqualTo(401);
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
            assertThat(chaff(api, "/api/verify").status()).isEqualTo(404);
            assertThat(api.get("/jwks/system").status()).isEqualTo(404);
            assertThat(api.get("/health").status()).isEqualTo(200);
        });
    }

    @Test
    void uiAloneServesTheKeysButNoApiAndNoAppLinks() {
        withRoles("ui", api -> {
            assertThat(api.get("/jwks/system").status()).isEqualTo(200);
            assertThat(api.post("/api/verify", null, "{}").status()).isEqualTo(404);
            assertThat(api.post("/api/issue", null, "{}").status()).isEqualTo(404);
            assertThat(api.get("/api/stats/realm.json").status()).isEqualTo(404);
            assertThat(api.get("/health?service=database").json().path("status").asString())
                    .isEqualTo("ok");
            ApiClient onLinks = api.onHost(REDIRECT_DOMAIN);
            assertThat(onLinks.get("/v?c=1", Map.of("User-Agent", ANDROID)).status())
                    .isEqualTo(404);
            assertThat(onLinks.get("/.well-known/assetlinks.json").status()).isEqualTo(404);
        });
    }

    @Test
    void workerAndRedirectServeAppLinksOnlyOnAppLinkHosts() {
        withRoles("worker,redirect", api -> {
            assertThat(api.get("/health").status()).isEqualTo(200);
            assertThat(api.get("/jwks/system").status()).isEqualTo(404);
            assertThat(api.post("/api/verify", null, "{}").status()).isEqualTo(404);
            assertThat(api.post("/api/issue", null, "{}").status()).isEqualTo(404);
            assertThat(api.get("/v?c=1", Map.of("User-Agent", ANDROID)).status())
                    .isEqualTo(404);
            ApiClient onLinks = api.onHost(REDIRECT_DOMAIN);
            ApiClient.Response redirect = onLinks.get("/v?c=1", Map.of("User-Agent", ANDROID));
            assertThat(redirect.status()).isEqualTo(303);
            assertThat(redirect.header("Location")).isEqualTo("ensonboarding://picker");
            assertThat(onLinks.get("/.well-known/assetlinks.json")
                            .json()
                            .path("error")
                            .asString())
                    .isEqualTo("request is missing region");
            assertThat(onLinks.get("/health").status()).isEqualTo(200);
        });
    }

    private static ApiClient.Response chaff(ApiClient api, String path) {
        return api.post(path, null, "application/json", "{}", Map.of("X-Chaff", "1"));
    }

    private static void withRoles(String roles, Consumer<ApiClient> checks) {
        // arguments, not default properties: application.yml's server.port would win over those
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(EnverifyApplication.class)
                .run(
                        "--enverify.roles=" + roles,
                        "--server.port=0",
                        "--management.server.port=0",
                        "--enverify.data-dir=" + DATA_DIR,
                        "--enverify.redirect-domain=" + REDIRECT_DOMAIN)) {
            int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
            checks.accept(new ApiClient(port));
        }
    }
}
