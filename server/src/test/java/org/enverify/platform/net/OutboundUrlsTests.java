package org.enverify.platform.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundUrlsTests {

    private final OutboundUrls strict = new OutboundUrls(settings(false));
    private final OutboundUrls closedNetwork = new OutboundUrls(settings(true));

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "https://127.0.0.1/hook",
                "https://10.1.2.3/hook",
                "https://172.16.0.1/hook",
                "https://192.168.1.1/hook",
                "https://169.254.169.254/latest/meta-data",
                "https://100.64.0.1/hook",
                "https://0.0.0.0/hook",
                "https://[::1]/hook",
                "https://[fd00::1]/hook",
                "https://[fe80::1]/hook",
                "https://localhost/hook",
                "https://[::127.0.0.1]/hook",
                "https://[::7f00:1]/hook",
                "https://[64:ff9b::a00:1]/hook",
                "https://[64:ff9b::a9fe:a9fe]/hook",
                "https://[2002:7f00:1::1]/hook",
                "https://255.255.255.255/hook"
            })
    @Tag("security")
    void internalAddressesAreRefused(String url) {
        assertThatThrownBy(() -> strict.check(url)).hasMessageContaining("private, loopback or link-local");
        assertThat(closedNetwork.check(url).toString()).isEqualTo(url);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://93.184.216.34/hook", "ftp://93.184.216.34/", "not a url", "/relative", ""})
    void onlyHttpsIsAccepted(String url) {
        assertThatThrownBy(() -> strict.check(url)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void credentialsInTheUrlAreRefusedEverywhere() {
        assertThatThrownBy(() -> closedNetwork.check("https://user:secret@93.184.216.34/"))
                .hasMessageContaining("user name or password");
    }

    @Test
    void aPublicHttpsUrlIsAccepted() {
        assertThat(strict.check(" https://93.184.216.34/hook?x=1 ").toString())
                .isEqualTo("https://93.184.216.34/hook?x=1");
        assertThat(closedNetwork.check("http://localhost:8080/hook").getPort()).isEqualTo(8080);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"127.0.0.1", "localhost", "10.1.2.3", "169.254.169.254", "::1"})
    @Tag("security")
    void aHostReachedByAnotherProtocolFollowsTheSameAddressRule(String host) {
        assertThatThrownBy(() -> strict.checkHost(host))
                .isInstanceOfSatisfying(
                        RefusedUrl.class,
                        refused -> assertThat(refused.reason()).isEqualTo(RefusedUrl.Reason.NOT_PUBLIC));
        closedNetwork.checkHost(host);
        strict.checkHost("93.184.216.34");
        assertThatThrownBy(() -> strict.checkHost("smtp.does-not-exist.invalid"))
                .isInstanceOfSatisfying(
                        RefusedUrl.class,
                        refused -> assertThat(refused.reason()).isEqualTo(RefusedUrl.Reason.UNRESOLVED));
    }

    private static WebhookSettings settings(boolean allowPrivate) {
        return new WebhookSettings(allowPrivate, Duration.ofSeconds(1), 3, Duration.ofSeconds(1), Duration.ofHours(24));
    }
}
