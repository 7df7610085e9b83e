package org.enverify.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.enverify.platform.net.ClientAddresses;
import org.enverify.platform.net.NetworkSettings;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class SecurityHeadersFilterTests {

    private static MockHttpServletResponse filter(MockHttpServletRequest request, FilterChain chain) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        new SecurityHeadersFilter(new ClientAddresses(new NetworkSettings(List.of("10.0.0.0/8"))))
                .doFilter(request, response, chain);
        return response;
    }

    private static MockHttpServletResponse filter(FilterChain chain) throws Exception {
        return filter(new MockHttpServletRequest("GET", "/"), chain);
    }

    @Test
    void aHandlersCacheControlReplacesTheDefaultWhicheverComesFirst() throws Exception {
        MockHttpServletResponse typeFirst = filter((request, response) -> {
            response.setContentType("application/json");
            ((HttpServletResponse) response).addHeader("Cache-Control", "max-age=300, public");
        });
        assertThat(typeFirst.getHeaders("Cache-Control")).containsExactly("max-age=300, public");

        MockHttpServletResponse cachingFirst = filter((request, response) -> {
            ((HttpServletResponse) response).setHeader("Cache-Control", "max-age=60");
            ((HttpServletResponse) response).setHeader("Content-Type", "application/problem+json");
        });
        assertThat(cachingFirst.getHeaders("Cache-Control")).containsExactly("max-age=60");

        MockHttpServletResponse json =
                filter((request, response) -> response.setContentType("application/jwk-set+json"));
        assertThat(json.getHeaders("Cache-Control")).containsExactly("no-store");
    }

    @Test
    void onlyHtmlGetsTheFramingAndContentPolicies() throws Exception {
        MockHttpServletResponse html =
                filter((request, response) -> response.setContentType("text/html;charset=UTF-8"));
        assertThat(html.getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(html.getHeader("Content-Security-Policy")).isEqualTo(SecurityHeadersFilter.CONTENT_SECURITY_POLICY);
        assertThat(html.getHeader("Cache-Control")).isNull();

        MockHttpServletResponse text = filter((request, response) -> response.setContentType("text/plain"));
        assertThat(text.getHeader("X-Frame-Options")).isNull();
        assertThat(text.getHeader("Cache-Control")).isNull();
        assertThat(text.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");

        MockHttpServletResponse bad = filter((request, response) -> response.setContentType("not a type"));
        assertThat(bad.getHeader("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
    }

    @Test
    void hstsOnlyOnSecureRequests() throws Exception {
        MockHttpServletRequest secure = new MockHttpServletRequest("GET", "/");
        secure.setSecure(true);
        assertThat(filter(secure, (request, response) -> {}).getHeader("Strict-Transport-Security"))
                .isEqualTo("max-age=31536000; includeSubDomains");
        assertThat(filter((request, response) -> {}).getHeader("Strict-Transport-Security"))
                .isNull();
    }

    @Test
    void httpsIsBelievedFromATrustedProxyOnly() throws Exception {
        MockHttpServletRequest fromProxy = new MockHttpServletRequest("GET", "/");
        fromProxy.setRemoteAddr("10.1.2.3");
        fromProxy.addHeader("X-Forwarded-Proto", "https");
        assertThat(filter(fromProxy, (request, response) -> {}).getHeader("Strict-Transport-Security"))
                .isEqualTo(SecurityHeadersFilter.HSTS);

        MockHttpServletRequest fromClient = new MockHttpServletRequest("GET", "/");
        fromClient.setRemoteAddr("203.0.113.9");
        fromClient.addHeader("X-Forwarded-Proto", "https");
        assertThat(filter(fromClient, (request, response) -> {}).getHeader("Strict-Transport-Security"))
                .isNull();

        MockHttpServletRequest secure = new MockHttpServletRequest("GET", "/");
        secure.setSecure(true);
        assertThat(filter(secure, (request, response) -> {}).getHeader("Strict-Transport-Security"))
                .isNotNull();
    }
}
