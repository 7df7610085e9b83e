package org.enverify.platform.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
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
        return read(request, malformed, body -> mapper.readValue(body, type));
    }

    /** As {@link #read(HttpServletRequest, Class, ErrorCode)}, into a generic type such as a map of settings. */
    public <T> T read(HttpServletRequest request, TypeReference<T> type, ErrorCode malformed) {
        return read(request, malformed, body -> mapper.readValue(body, type));
    }

    private <T> T read(HttpServletRequest request, ErrorCode malformed, Function<byte[], T> binding) {
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
            rejectNonObjectsAndRepeatedNames(body, malformed);
            return binding.apply(body);
        } catch (JacksonException e) {
            ApiException refused = ApiException.badRequest(malformed, describe(e));
            String field = fieldOf(e);
            throw field == null ? refused : refused.about(field);
        }
    }

    /**
     * One pass over the body's tokens, before any binding: the body is one JSON object, and no object in it
     * names a field twice. Names match case-insensitively, so {@code "code"} and {@code "Code"} are one
     * field given twice.
     */
    private void rejectNonObjectsAndRepeatedNames(byte[] body, ErrorCode malformed) {
        String repeated = null;
        JsonToken root;
        try (JsonParser parser = mapper.createParser(body)) {
            root = parser.nextToken();
            Deque<Set<String>> openObjects = new ArrayDeque<>();
            int depth = 0;
            for (JsonToken token = root; token != null; token = depth == 0 ? null : parser.nextToken()) {
                switch (token) {
                    case START_OBJECT -> {
                        openObjects.push(new HashSet<>());
                        depth++;
                    }
                    case END_OBJECT -> {
                        openObjects.pop();
                        depth--;
                    }
                    case START_ARRAY -> depth++;
                    case END_ARRAY -> depth--;
                    case PROPERTY_NAME -> {
                        String name = parser.currentName();
                        if (!openObjects.element().add(name.toLowerCase(Locale.ROOT)) && repeated == null) {
                            repeated = name;
                        }
                    }
                    default -> {}
                }
            }
        }
        if (root != JsonToken.START_OBJECT) {
            throw ApiException.badRequest(malformed, "body must be a JSON object");
        }
        if (repeated != null) {
            throw ApiException.badRequest(malformed, "duplicate field \"" + repeated + "\"");
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

    private static String fieldOf(JacksonException e) {
        return e.getPath().isEmpty() ? null : e.getPath().getLast().getPropertyName();
    }

    private static String describe(JacksonException e) {
        String field = fieldOf(e);
        if (e instanceof UnrecognizedPropertyException) {
            return "unknown field \"" + field + "\"";
        }
        if (field != null) {
            return "invalid value for field \"" + field + "\"";
        }
        var location = e.getLocation();
        if (location == null) {
            return "malformed json";
        }
        // the body is parsed from its bytes, so the parser counts bytes, not characters
        long offset = location.getCharOffset() >= 0 ? location.getCharOffset() : location.getByteOffset();
        return offset < 0 ? "malformed json" : "malformed json at position " + offset;
    }
}
