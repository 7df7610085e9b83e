package org.enverify.chaff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

class CountingResponseTests {

    private final MockHttpServletResponse target = new MockHttpServletResponse();
    private final CountingResponse response = new CountingResponse(target);

    @Test
    void countsWhatPassesThroughTheStream() throws IOException {
        response.getOutputStream().write('{');
        response.getOutputStream().write("\"a\":\"bcd\"}".getBytes(StandardCharsets.UTF_8), 0, 10);

        assertThat(response.bodyBytes()).isEqualTo(11);
        assertThat(target.getContentAsString()).isEqualTo("{\"a\":\"bcd\"}");
    }

    @Test
    void countsTheWritersCharactersAsEncodedBytes() throws IOException {
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"é\":1}");
        response.getWriter().flush();

        assertThat(response.bodyBytes()).isEqualTo(8);
        assertThat(target.getContentAsByteArray()).hasSize(8);
    }

    @Test
    void aResetBufferForgetsWhatWasDiscarded() throws IOException {
        response.getOutputStream().write(new byte[100]);
        response.resetBuffer();
        response.getOutputStream().write(new byte[7]);

        assertThat(response.bodyBytes()).isEqualTo(7);

        response.reset();

        assertThat(response.bodyBytes()).isZero();
    }
}
