package org.enverify.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RequestLogFilterTests {

    private static String requestIdFor(String offered) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/verify");
        if (offered != null) {
            request.addHeader(RequestLogFilter.REQUEST_ID_HEADER, offered);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        new RequestLogFilter().doFilter(request, response, (req, res) -> {});
        return response.getHeader(RequestLogFilter.REQUEST_ID_HEADER);
    }

    @Test
    void aPlainIdFromTheCallerIsKept() throws Exception {
        assertThat(requestIdFor("app-7.request_42")).isEqualTo("app-7.request_42");
    }

    @Test
    void aMissingOrUnsafeIdIsReplacedByAFreshVersion4Uuid() throws Exception {
        Set<String> ids = new HashSet<>();
        for (String offered : new String[] {null, "", "two words", "line\nbreak", "x".repeat(65)}) {
            String id = requestIdFor(offered);
            UUID parsed = UUID.fromString(id);
            assertThat(parsed.version()).as("version of %s", id).isEqualTo(4);
            assertThat(parsed.variant()).as("variant of %s", id).isEqualTo(2);
            assertThat(parsed.toString()).isEqualTo(id);
            ids.add(id);
        }
        assertThat(ids).as("each request its own id").hasSize(5);
    }
}
