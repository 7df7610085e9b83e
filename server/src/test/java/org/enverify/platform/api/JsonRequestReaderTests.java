package org.enverify.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;

class JsonRequestReaderTests {

    record Request(String code, List<Item> items) {}

    record Item(String name) {}

    private final JsonRequestReader reader = new JsonRequestReader();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"code\":\"12345678\"}",
                "{\"Code\":\"12345678\",\"items\":[{\"name\":\"a\"},{\"name\":\"b\"}]}",
                "  {\"items\":[],\"code\":\"12345678\"}  "
            })
    void readsOneObjectWithNamesInAnyCase(String body) {
        assertThat(reader.read(request(body), Request.class, ErrorCode.UNPARSABLE_REQUEST)
                        .code())
                .isEqualTo("12345678");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"code\":\"1\",\"code\":\"2\"}|duplicate field \"code\"",
                "{\"code\":\"1\",\"CODE\":\"2\"}|duplicate field \"CODE\"",
                "{\"items\":[{\"name\":\"a\",\"Name\":\"b\"}]}|duplicate field \"Name\"",
                "[{\"code\":\"1\"}]|body must be a JSON object",
                "null|body must be a JSON object",
                "\"code\"|body must be a JSON object",
                "{\"code\":\"1\",}|malformed json at position 12",
                "{\"code\":\"1\"} {|malformed json at position 13",
                "{\"code\":1}|invalid value for field \"code\"",
                "{\"secret\":\"1\"}|unknown field \"secret\""
            })
    void refusesEveryOtherBodyWithItsReason(String body, String reason) {
        assertThatThrownBy(() -> reader.read(request(body), Request.class, ErrorCode.UNPARSABLE_REQUEST))
                .isInstanceOfSatisfying(ApiException.class, refused -> {
                    assertThat(refused.code()).isEqualTo(ErrorCode.UNPARSABLE_REQUEST);
                    assertThat(refused.getMessage()).isEqualTo(reason);
                });
    }

    private static MockHttpServletRequest request(String body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/verify");
        request.setContentType("application/json");
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        return request;
    }
}
