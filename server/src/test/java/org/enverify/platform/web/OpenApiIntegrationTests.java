package org.enverify.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import java.util.List;
import java.util.Map;
import org.enverify.support.ApiClient;
import org.enverify.support.EnverifyIntegrationTest;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

@EnverifyIntegrationTest
class OpenApiIntegrationTests {

    @Test
    void servesTheApiDescriptionAsYaml(ApiClient api) {
        ApiClient.Response response = api.get("/openapi.yaml");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/yaml");
        Map<String, Object> document = new Yaml().load(response.body());
        assertThat(document).containsEntry("openapi", "3.1.0");
        assertThat(document.get("paths"))
                .asInstanceOf(MAP)
                .containsKeys(
                        "/api/verify",
                        "/api/certificate",
                        "/api/issue",
                        "/api/batch-issue",
                        "/api/checkcodestatus",
                        "/api/expirecode",
                        "/api/stats/realm.json",
                        "/api/stats/realm.csv",
                        "/api/stats/realm/users.json",
                        "/api/stats/realm/users.csv",
                        "/api/stats/realm/users/{id}.json",
                        "/api/stats/realm/users/{id}.csv",
                        "/api/stats/realm/api-keys/{id}.json",
                        "/api/stats/realm/api-keys/{id}.csv",
                        "/api/stats/realm/external-issuers.json",
                        "/api/stats/realm/external-issuers.csv",
                        "/api/stats/realm/sms-errors.json",
                        "/api/stats/realm/sms-errors.csv",
                        "/api/stats/realm/key-server.json",
                        "/api/stats/realm/key-server.csv",
                        "/api/stats/realm/composite.json",
                        "/api/stats/realm/composite.csv",
                        "/api/v1/realms",
                        "/api/v1/realms/{realmId}",
                        "/api/v1/realms/{realmId}/disable",
                        "/api/v1/realms/{realmId}/settings",
                        "/api/v1/realms/{realmId}/users",
                        "/api/v1/realms/{realmId}/users/{userId}",
                        "/api/v1/realms/{realmId}/api-keys",
                        "/api/v1/realms/{realmId}/api-keys/{keyId}",
                        "/api/v1/realms/{realmId}/api-keys/{keyId}/disable",
                        "/api/v1/realms/{realmId}/api-keys/{keyId}/enable");
    }

    @Test
    void describesTheAuditStatisticsAccountAndJobResources(ApiClient api) {
        Map<String, Object> document = new Yaml().load(api.get("/openapi.yaml").body());
        assertThat(document.get("paths"))
                .asInstanceOf(MAP)
                .containsKeys(
                        "/api/v1/realms/{realmId}/audit-events",
                        "/api/v1/realms/{realmId}/audit-events/verification",
                        "/api/v1/realms/{realmId}/stats/realm",
                        "/api/v1/realms/{realmId}/stats/users",
                        "/api/v1/realms/{realmId}/stats/users/{userId}",
                        "/api/v1/realms/{realmId}/stats/api-keys/{keyId}",
                        "/api/v1/realms/{realmId}/stats/external-issuers",
                        "/api/v1/realms/{realmId}/stats/sms-errors",
                        "/api/v1/realms/{realmId}/stats/key-server",
                        "/api/v1/realms/{realmId}/stats/composite",
                        "/api/v1/users",
                        "/api/v1/users/{userId}",
                        "/api/v1/users/{userId}/revoke-sessions",
                        "/api/v1/jobs",
                        "/api/v1/jobs/failed",
                        "/api/v1/jobs/{name}/run",
                        "/api/v1/jobs/{id}/retry");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDeviceRoutesDeclareTheChaffHeader(ApiClient api) {
        Map<String, Object> document = new Yaml().load(api.get("/openapi.yaml").body());
        Map<String, Object> components = (Map<String, Object>) document.get("components");
        Map<String, Object> parameters = (Map<String, Object>) components.get("parameters");
        assertThat((Map<String, Object>) parameters.get("Chaff"))
                .containsEntry("name", "X-Chaff")
                .containsEntry("in", "header");
        Map<String, Object> paths = (Map<String, Object>) document.get("paths");
        for (String path : List.of("/api/verify", "/api/certificate", "/api/user-report")) {
            Map<String, Object> post = (Map<String, Object>) ((Map<String, Object>) paths.get(path)).get("post");
            assertThat((List<Object>) post.get("parameters"))
                    .as(path)
                    .contains(Map.of("$ref", "#/components/parameters/Chaff"));
        }
    }
}
