package org.enverify.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.enverify.apikey.ApiKeys;
import org.enverify.realm.Realms;
import org.enverify.support.ApiClient;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.TestRealm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every answer under {@code /api} is the contract's error object, whoever refuses the request: Tomcat
 * before any filter, Spring MVC without a handler, or our handlers; and no answer names a Java class.
 */
@EnverifyIntegrationTest
@Tag("security")
class ApiErrorContractIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> CONTRACT_CODES = Set.of(
            "unparsable_request",
            "unauthorized",
            "rate_limited",
            "maintenance_mode",
            "invalid_test_type",
            "unsupported_test_type",
            "missing_date",
            "invalid_date",
            "uuid_already_exists",
            "quota_exceeded",
            "code_invalid",
            "code_expired",
            "code_not_found",
            "code_already_claimed",
            "token_invalid",
            "token_expired",
            "hmac_invalid",
            "missing_nonce",
            "missing_phone",
            "phone_number_invalid",
            "sms_failure",
            "sms_queue_full",
            "bulk_disabled",
            "internal_server_error");

    @LocalServerPort
    int port;

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;

    @BeforeEach
    void setUp(ApiClient api) {
        this.api = api;
    }

    /** Asserts that a status and body are the contract's error object, with nothing of the server's insides. */
    static void assertErrorObject(int status, String body, int expectedStatus) {
        assertThat(status).as(body).isEqualTo(expectedStatus);
        assertThat(body).doesNotContainIgnoringCase("<html").doesNotContain("Exception", "org.", "java.");
        JsonNode error = JSON.readTree(body);
        assertThat(error.propertyNames()).as(body).containsExactlyInAnyOrder("error", "errorCode", "error_code");
        assertThat(error.path("error").asString()).isNotBlank();
        assertThat(error.path("errorCode").asString()).isIn(CONTRACT_CODES);
        assertThat(error.path("error_code").asString())
                .isEqualTo(error.path("errorCode").asString());
    }

    @ParameterizedTest
    @CsvSource({"/api/issue/,404", "/api//issue,400", "/api/no-such-route,404", "/api,404", "/api/verify/extra,404"})
    void routesThatDoNotExistAnswerTheErrorObject(String path, int status, TestRealm realm) {
        ApiClient.Response answer = api.post(path, realm.adminKey(), "{\"testType\":\"confirmed\"}");

        assertErrorObject(answer.status(), answer.body(), status);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void traceAndOtherMethodsAnswerTheErrorObject() throws Exception {
        for (String method : new String[] {"TRACE", "PUT", "DELETE", "PATCH"}) {
            HttpResponse<String> answer = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/verify"))
                                    .method(method, HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertErrorObject(answer.statusCode(), answer.body(), 405);
        }
    }

    @Test
    void aNulInThePathAnswersTheErrorObject() throws IOException {
        Raw answer = raw("GET /api/verify%00 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertErrorObject(answer.status(), answer.body(), 400);
    }

    @Test
    void aNulInAManagementApiPathAnswersItsEnvelope() throws IOException {
        Raw answer = raw("GET /api/v1/verify/%00 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).isEqualTo(400);
        JsonNode envelope = JSON.readTree(answer.body());
        assertThat(envelope.path("status").asString()).isEqualTo("error");
        assertThat(envelope.path("error").path("code").asString()).isEqualTo("unparsable_request");
    }

    @Test
    void aMalformedRequestLineAnswersTheErrorObject() throws IOException {
        Raw badCharacter = raw("GET /api/ver{ify HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertErrorObject(badCharacter.status(), badCharacter.body(), 400);
        Raw badVersion = raw("GET /api/verify HTTP/1.1 extra\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertErrorObject(badVersion.status(), badVersion.body(), 400);
    }

    @Test
    void oversizedOrTooManyHeadersAnswerTheErrorObject() throws IOException {
        Raw oversized = raw("POST /api/verify HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(20_000)
                + "\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
        assertErrorObject(oversized.status(), oversized.body(), 400);

        StringBuilder many = new StringBuilder("POST /api/verify HTTP/1.1\r\nHost: localhost\r\n");
        for (int i = 0; i < 150; i++) {
            many.append("X-Header-").append(i).append(": ").append(i).append("\r\n");
        }
        Raw tooMany = raw(many + "Connection: close\r\nContent-Length: 0\r\n\r\n");
        assertErrorObject(tooMany.status(), tooMany.body(), 400);
    }

    @Test
    void aRepeatedFieldIsUnparsableAndClaimsNothing(TestRealm realm) {
        ApiClient.Response issued = api.post("/api/issue", realm.adminKey(), Map.of("testType", "confirmed"));
        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
        String code = issued.json().path("code").asString();
        UUID uuid = UUID.fromString(issued.json().path("uuid").asString());

        for (String body : new String[] {
            "{\"code\":\"00000000\",\"code\":\"" + code + "\"}",
            "{\"code\":\"00000000\",\"CODE\":\"" + code + "\"}",
            "{\"code\":\"" + code + "\",\"accept\":[\"confirmed\"],\"Accept\":[\"likely\"]}"
        }) {
            ApiClient.Response answer = api.post("/api/verify", realm.deviceKey(), body);
            assertErrorObject(answer.status(), answer.body(), 400);
            assertThat(answer.errorCode()).isEqualTo("unparsable_request");
        }
        assertThat(jdbc.sql("SELECT claimed_at IS NOT NULL FROM verification_codes WHERE realm_id = ? AND uuid = ?")
                        .params(realm.id().value(), uuid)
                        .query(Boolean.class)
                        .single())
                .isFalse();
    }

    @Test
    void aBulkFileThatIsNotCsvIsRefusedWithoutAClassName() {
        TestRealm realm =
                TestRealm.create(realms, apiKeys, Map.of("require_date", "false", "allow_bulk_upload", "true"));

        ApiClient.Response answer = api.post(
                "/api/v1/bulk-issues", realm.adminKey(), "text/csv", "testType,phone\n\"confirmed\"x,+12065550100\n");

        assertErrorObject(answer.status(), answer.body(), 400);
        assertThat(answer.errorCode()).isEqualTo("unparsable_request");
    }

    private record Raw(int status, String body) {}

    /** Sends bytes as they are, for requests no HTTP client would send, and reads the answer until the server closes. */
    private Raw raw(String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int headEnd = answer.indexOf("\r\n\r\n");
            assertThat(headEnd).as(answer).isPositive();
            String head = answer.substring(0, headEnd);
            String body = answer.substring(headEnd + 4);
            if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
                body = dechunk(body);
            }
            return new Raw(Integer.parseInt(head.substring(9, 12)), body);
        }
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
