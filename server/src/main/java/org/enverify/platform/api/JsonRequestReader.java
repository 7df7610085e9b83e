package org.enverify.platform.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Reads an API request body the way the contract demands: {@code application/json}, at most 64,000
 * bytes, one JSON object, no unknown fields, every field of its declared JSON type, names matched
 * case-insensitively, each name at most once (in any case: a second {@code "code"} must not claim
 * another code than the first). Anything else is refused with the caller's chosen error code.
 */
@Component
public class JsonRequestReader {

    public static final int MAX_BODY_BYTES = 64_000;

    private final JsonMapper mapper = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .withCoercionConfig(
                    LogicalType.Textual,
                    config -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(
                    LogicalType.Boolean,
                    config -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
            .withCoercionConfig(
                    LogicalType.Float, config -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
            .withCoercionConfig(
                    LogicalType.Collection,
                    config -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
            .build();

    /**
     * @param malformed the error code for a body that is not acceptable ({@code unparsable_request},
     *     or {@code token_invalid} on {@code /api/certificate}); an oversized body is always 413
     */
    public <T> T read(HttpServletRequest request, Class<T> type, ErrorCode malformed) {
        if (!isJson(request.getContentType())) {
            throw ApiException.badRequest(malformed, "content-type is not application/json");
        }
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            throw tooLarge(malformed);
        }
        byte[] body = readLimited(request, malformed);
        if (body.length == 0) {
            throw ApiException.badRequest(malformed, "body must not be empty");
        }
        try {
            JsonNode tree = mapper.readTree(body);
            if (tree == null || !tree.isObject()) {
                throw ApiException.badRequest(malformed, "body must be a JSON object");
            }
            rejectRepeatedNames(tree, malformed);
            return mapper.treeToValue(tree, type);
        } catch (JacksonException e) {
            throw ApiException.badRequest(malformed, describe(e));
        }
    }

    /** Names match case-insensitively, so {@code "code"} and {@code "Code"} are one field given twice. */
    private static void rejectRepeatedNames(JsonNode node, ErrorCode malformed) {
        if (node.isObject()) {
            Set<String> names = new HashSet<>();
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                if (!names.add(property.getKey().toLowerCase(Locale.ROOT))) {
                    throw ApiException.badRequest(malformed, "duplicate field \"" + property.getKey() + "\"");
                }
                rejectRepeatedNames(property.getValue(), malformed);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                rejectRepeatedNames(element, malformed);
            }
        }
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json");
    }

    private static byte[] readLimited(HttpServletRequest request, ErrorCode malformed) {
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw tooLarge(malformed);
            }
            return body;
        } catch (IOException e) {
            throw ApiException.badRequest(malformed, "the request body could not be read");
        }
    }

    private static ApiException tooLarge(ErrorCode malformed) {
        return new ApiException(
                HttpStatus.CONTENT_TOO_LARGE, malformed, "request body is larger than " + MAX_BODY_BYTES + " bytes");
    }

    private static String describe(JacksonException e) {
        String message = e.getOriginalMessage();
        String field = e.getPath().isEmpty() ? null : e.getPath().getLast().getPropertyName();
        if (e instanceof UnrecognizedPropertyException) {
            return "unknown field \"" + field + "\"";
        }
        if (message != null && message.startsWith("Duplicate Object property")) {
            return "a field is given twice";
        }
        if (field != null) {
            return "invalid value for field \"" + field + "\"";
        }
        var location = e.getLocation();
        return location == null ? "malformed json" : "malformed json at position " + location.getCharOffset();
    }
}
