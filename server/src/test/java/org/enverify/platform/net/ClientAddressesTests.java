package org.enverify.platform.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressesTests {

    private static MockHttpServletRequest from(String peer, String... forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(peer);
        for (String header : forwardedFor) {
            request.addHeader("X-Forwarded-For", header);
        }
        return request;
    }

    private static String client(List<String> trusted, MockHttpServletRequest request) {
        return new ClientAddresses(new NetworkSettings(trusted)).of(request).getHostAddress();
    }

    @Test
    void anUntrustedPeerIsTheClientWhateverItForwards() {
        assertThat(client(List.of(), from("203.0.113.7", "10.9.9.9"))).isEqualTo("203.0.113.7");
        assertThat(client(List.of("10.0.0.0/8"), from("203.0.113.7", "198.51.100.1")))
                .isEqualTo("203.0.113.7");
    }

    @Test
    void behindTrustedProxiesTheRightmostUntrustedHopIsTheClient() {
        List<String> proxies = List.of("10.0.0.0/8");
        assertThat(client(proxies, from("10.0.0.2", "198.51.100.1"))).isEqualTo("198.51.100.1");
        assertThat(client(proxies, from("10.0.0.2", "6.6.6.6, 198.51.100.1, 10.0.0.5")))
                .as("a client cannot prepend a made-up address")
                .isEqualTo("198.51.100.1");
        assertThat(client(proxies, from("10.0.0.2", "6.6.6.6", "198.51.100.1"))).isEqualTo("198.51.100.1");
        assertThat(client(proxies, from("10.0.0.2"))).isEqualTo("10.0.0.2");
        assertThat(client(proxies, from("10.0.0.2", "not-an-address, 10.0.0.9")))
                .isEqualTo("10.0.0.9");
    }

    @Test
    void ipv6AndIpv4MappedAddressesAreUnderstood() {
        assertThat(client(List.of("::1/128"), from("::1", "2001:db8::42"))).isEqualTo("2001:db8:0:0:0:0:0:42");
        assertThat(client(List.of("10.0.0.0/8"), from("::ffff:10.0.0.3", "::ffff:198.51.100.1")))
                .isEqualTo("198.51.100.1");
    }

    @Test
    void rangesAreParsedStrictlyAndNeverResolved() {
        assertThat(Cidr.parse("10.1.2.3/8"))
                .hasValueSatisfying(c -> assertThat(c.toString()).isEqualTo("10.0.0.0/8"));
        assertThat(Cidr.parse("192.168.1.7"))
                .hasValueSatisfying(c -> assertThat(c.toString()).isEqualTo("192.168.1.7/32"));
        assertThat(Cidr.parse("2001:db8::/32")).isPresent();
        assertThat(Cidr.parse("10.0.0.0/33")).isEmpty();
        assertThat(Cidr.parse("10.0.0/8")).isEmpty();
        assertThat(Cidr.parse("300.1.1.1")).isEmpty();
        assertThat(Cidr.parse("localhost")).isEmpty();
        assertThat(Cidr.parse("example.org/24")).isEmpty();
        assertThat(Cidr.parse("10.0.0.0/-1")).isEmpty();
        assertThat(Cidr.parse("")).isEmpty();
        assertThatThrownBy(() -> new ClientAddresses(new NetworkSettings(List.of("10.0.0.0/99"))))
                .hasMessageContaining("ENVERIFY_TRUSTED_PROXIES");
    }
}
