package org.enverify.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.enverify.support.ApiClient;
import org.enverify.support.EnverifyProcess;
import org.enverify.support.LocalPorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Production's shape on one machine: the five roles as five processes on one database, each serving
 * only its routes, together running the whole protocol, logging JSON without secrets and exposing metrics.
 */
class FiveRolesIntegrationTests {

    private static final Logger log = LoggerFactory.getLogger(FiveRolesIntegrationTests.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> ROLES = List.of("ui", "device-api", "admin-api", "redirect", "worker");

    @TempDir
    Path dataDir;

    @Test
    void fiveRolesRunTheProtocolTogether() throws Exception {
        Map<String, Integer> ports = new LinkedHashMap<>();
        Map<String, Integer> managementPorts = new LinkedHashMap<>();
        List<EnverifyProcess> processes = new ArrayList<>();
        try {
            for (String role : ROLES) {
                ports.put(role, LocalPorts.free());
                managementPorts.put(role, LocalPorts.free());
                Map<String, String> environment = Map.of(
                        "ENVERIFY_DATA_DIR",
                        dataDir.toString(),
                        "ENVERIFY_ROLES",
                        role,
                        "ENVERIFY_PORT",
                        Integer.toString(ports.get(role)),
                        "ENVERIFY_MANAGEMENT_PORT",
                        Integer.toString(managementPorts.get(role)),
                        "ENVERIFY_LOG_FORMAT",
                        "json",
                        "ENVERIFY_REGION",
                        "test-region");
                processes.add(
                        role.equals("ui")
                                ? EnverifyProcess.start(environment, "--demo")
                                : EnverifyProcess.start(environment));
            }
            processes.getFirst().awaitOutput("DEVICE_KEY=", Duration.ofSeconds(300));
            String walkthrough = processes.getFirst().stdout();
            String adminKey = quoted(walkthrough, "ADMIN_KEY");
            String deviceKey = quoted(walkthrough, "DEVICE_KEY");
            for (int i = 0; i < ROLES.size(); i++) {
                processes.get(i).awaitHealthy(new ApiClient(ports.get(ROLES.get(i))), Duration.ofMinutes(2));
            }
            ApiClient ui = new ApiClient(ports.get("ui"));
            ApiClient device = new ApiClient(ports.get("device-api"));
            ApiClient admin = new ApiClient(ports.get("admin-api"));

            ApiClient.Response issued =
                    admin.post("/api/issue", adminKey, Map.of("testType", "confirmed", "symptomDate", today(admin)));
            assertThat(issued.status()).as(issued.body()).isEqualTo(200);
            String code = issued.json().path("code").asString();
            assertThat(device.post("/api/issue", adminKey, Map.of("testType", "confirmed"))
                            .status())
                    .isEqualTo(404);
            ApiClient.Response verified = device.post("/api/verify", deviceKey, Map.of("code", code));
            assertThat(verified.status()).isEqualTo(200);
            String token = verified.json().path("token").asString();
            ApiClient.Response certified = device.post(
                    "/api/certificate",
                    deviceKey,
                    Map.of("token", token, "ekeyhmac", "2u1nHt5WWurJytFLF3xitNzM99oNrad2y4YGOL53AeY="));
            assertThat(certified.status()).isEqualTo(200);
            String certificate = certified.json().path("certificate").asString();
            assertThat(ui.get("/jwks/system").body()).contains("\"kid\":\"v1\"");
            assertThat(admin.get("/jwks/system").status()).isEqualTo(404);
            assertThat(admin.get("/statusz").json().path("roles").asString()).isEqualTo("admin-api");
            assertThat(admin.get("/statusz").json().path("region").asString()).isEqualTo("test-region");

            assertThat(admin.get("/actuator/prometheus").status())
                    .as("metrics are on the management port only")
                    .isEqualTo(404);
            String metrics = new ApiClient(managementPorts.get("admin-api"))
                    .get("/actuator/prometheus")
                    .body();
            assertThat(metrics).containsPattern("enverify_codes_total\\{outcome=\"issued\",realm=\"\\d+\"} 1\\.0");
            assertThat(metrics).contains("hikaricp_connections", "cache_gets_total{cache=\"realms\"");
            assertThat(new ApiClient(managementPorts.get("device-api"))
                            .get("/actuator/prometheus")
                            .body())
                    .containsPattern("enverify_codes_total\\{outcome=\"claimed\",realm=\"\\d+\"} 1\\.0")
                    .contains("enverify_certificate_signing_seconds_count")
                    .containsPattern("http_server_requests_seconds_count\\{.*uri=\"/api/verify\"");

            JsonNode issueLine = requestLine(processes.get(2).stdout(), "/api/issue");
            assertThat(issueLine.path("status").asInt()).isEqualTo(200);
            assertThat(issueLine.path("realm").asString()).matches("\\d+");
            assertThat(issueLine.path("request_id").asString()).isNotBlank();
            assertThat(issueLine.path("duration_ms").isNumber()).isTrue();
            for (EnverifyProcess process : processes.subList(1, processes.size())) {
                assertThat(process.stdout() + process.stderr())
                        .as("no secret in any log")
                        .doesNotContain(code, token, certificate, adminKey, deviceKey);
            }
            for (int i = 0; i < ROLES.size(); i++) {
                log.info(
                        "Resident memory of {} after the flow: {} MB",
                        ROLES.get(i),
                        processes.get(i).residentKilobytes() / 1024);
            }
        } finally {
            processes.reversed().forEach(EnverifyProcess::close);
        }
    }

    private static JsonNode requestLine(String output, String route) {
        return output.lines()
                .filter(line -> line.startsWith("{"))
                .map(JSON::readTree)
                .filter(line -> route.equals(line.path("route").asString()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no JSON request line for " + route + " in:\n" + output));
    }

    private static String today(ApiClient api) {
        String date = api.get("/health").header("Date");
        return LocalDate.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toString();
    }

    private static String quoted(String text, String name) {
        Matcher matcher = Pattern.compile(name + "='([^']+)'").matcher(text);
        assertThat(matcher.find()).as(name + " printed").isTrue();
        return matcher.group(1);
    }
}
