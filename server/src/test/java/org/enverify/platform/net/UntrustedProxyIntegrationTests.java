package org.enverify.platform.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.UiClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Without {@code ENVERIFY_TRUSTED_PROXIES}, a client's own {@code X-Forwarded-*} headers change nothing. */
@EnverifyIntegrationTest
@Tag("security")
class UntrustedProxyIntegrationTests {

    @Test
    void forwardedHeadersFromAnUntrustedPeerAreIgnored(UiClient browser) {
        TrustedProxyIntegrationTests.FORWARDED.forEach(browser::header);

        UiClient.Page login = browser.get("/login");
        assertThat(login.headers().allValues("Set-Cookie"))
                .filteredOn(cookie -> cookie.startsWith("ENVERIFY_CSRF="))
                .isNotEmpty()
                .noneSatisfy(cookie -> assertThat(cookie).containsIgnoringCase("Secure"));
        assertThat(login.header("Strict-Transport-Security")).isNull();
        assertThat(browser.get("/codes/issue").location())
                .doesNotStartWith("https:")
                .doesNotContain("verify.example.org");
    }
}
