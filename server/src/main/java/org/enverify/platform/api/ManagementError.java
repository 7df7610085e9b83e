package org.enverify.platform.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * The management API's error envelope, {@code {"status":"error","error":{"code","message","field"}}}, and the
 * RFC 6750 challenge that goes with a 401 ({@code invalid_token}) or a 403 ({@code insufficient_scope}).
 */
public record ManagementError(String status, Detail error) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** @param field the request field or parameter refused; absent when the refusal concerns none */
    public record Detail(
            String code,
            String message,
            @JsonInclude(JsonInclude.Include.NON_NULL) String field) {}

    public ManagementError(ErrorCode code, String message, String field) {
        this("error", new Detail(code.wireValue(), message, field));
    }

    /** Whether a raw request URI belongs to the management API: {@code /api/v1/...} but the bulk issues of API keys. */
    public static boolean isManagementPath(String requestUri) {
        return requestUri.startsWith("/api/v1/")
                && !(requestUri.equals("/api/v1/bulk-issues") || requestUri.startsWith("/api/v1/bulk-issues/"));
    }

    /** The envelope of an {@link ApiException}, with its status and challenge. */
    public static ResponseEntity<ManagementError> of(ApiException refused) {
        return answer(refused.status(), refused.code(), refused.getMessage(), refused.field());
    }

    public static ResponseEntity<ManagementError> answer(
            HttpStatus status, ErrorCode code, String message, String field) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
        String challenge = challenge(status);
        if (challenge != null) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, challenge);
        }
        return answer.body(new ManagementError(code, message, field));
    }

    /** Writes the envelope for a status no handler chose (an unknown route, a wrong method, a refused token). */
    public static void write(HttpServletResponse response, int status, ErrorCode code, String message)
            throws IOException {
        response.setStatus(status);
        HttpStatus known = HttpStatus.resolve(status);
        String challenge = known == null ? null : challenge(known);
        if (challenge != null) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        JSON.writeValue(response.getOutputStream(), new ManagementError(code, message, null));
    }

    /** The envelope for a status no handler chose, with the nearest code and the status's reason. */
    static void write(HttpServletResponse response, int status) throws IOException {
        write(response, status, nearestCode(status), ApiError.forStatus(status).error());
    }

    /** The envelope for a status no filter or handler chose (Tomcat refused the request first). */
    static ManagementError forStatus(int status) {
        return new ManagementError(
                nearestCode(status), ApiError.forStatus(status).error(), null);
    }

    private static ErrorCode nearestCode(int status) {
        return status == HttpStatus.NOT_FOUND.value()
                ? ErrorCode.NOT_FOUND
                : ErrorCode.valueOf(ApiError.forStatus(status).errorCode().toUpperCase(Locale.ROOT));
    }

    private static String challenge(HttpStatus status) {
        return switch (status) {
            case UNAUTHORIZED -> "Bearer error=\"invalid_token\"";
            case FORBIDDEN -> "Bearer error=\"insufficient_scope\"";
            default -> null;
        };
    }
}
