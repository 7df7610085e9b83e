package org.enverify.platform.net;

import jakarta.servlet.http.HttpServletRequest;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The address of the client behind a request. {@code X-Forwarded-For} is believed only when the
 * peer is a trusted proxy, and then read from the right: the first address that is not itself a
 * trusted proxy is the client, so a client cannot prepend a made-up address.
 */
@Component
public class ClientAddresses {

    private final List<Cidr> trustedProxies;

    public ClientAddresses(NetworkSettings settings) {
        this.trustedProxies = settings.trustedProxies().stream()
                .filter(text -> !text.isBlank())
                .map(text -> Cidr.parse(text)
                        .orElseThrow(() -> new IllegalArgumentException(
                                "ENVERIFY_TRUSTED_PROXIES holds '" + text + "', which is not an address range")))
                .toList();
    }

    public InetAddress of(HttpServletRequest request) {
        InetAddress peer = unmapped(Cidr.literal(request.getRemoteAddr())
                .orElseThrow(() -> new IllegalStateException("The servlet container gave no peer address")));
        if (!isTrustedProxy(peer)) {
            return peer;
        }
        String forwarded = String.join(",", Collections.list(request.getHeaders("X-Forwarded-For")));
        String[] hops = forwarded.split(",");
        InetAddress client = peer;
        for (int i = hops.length - 1; i >= 0; i--) {
            Optional<InetAddress> hop = Cidr.literal(hops[i].trim()).map(ClientAddresses::unmapped);
            if (hop.isEmpty()) {
                return client;
            }
            client = hop.get();
            if (!isTrustedProxy(client)) {
                return client;
            }
        }
        return client;
    }

    /**
     * Whether the client reached us over HTTPS: the connection itself, or a trusted proxy saying so
     * in {@code X-Forwarded-Proto} (its last value, the one the nearest proxy set).
     */
    public boolean overHttps(HttpServletRequest request) {
        if (request.isSecure()) {
            return true;
        }
        String forwarded = String.join(",", Collections.list(request.getHeaders("X-Forwarded-Proto")));
        if (forwarded.isBlank()) {
            return false;
        }
        String[] values = forwarded.split(",");
        return "https".equalsIgnoreCase(values[values.length - 1].trim())
                && Cidr.literal(request.getRemoteAddr())
                        .map(ClientAddresses::unmapped)
                        .filter(this::isTrustedProxy)
                        .isPresent();
    }

    private boolean isTrustedProxy(InetAddress address) {
        return trustedProxies.stream().anyMatch(range -> range.contains(address));
    }

    /** {@code ::ffff:a.b.c.d} is the IPv4 client a.b.c.d seen through a dual-stack socket. */
    static InetAddress unmapped(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address && isIpv4Mapped(bytes)) {
            try {
                return InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16));
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return address;
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF;
    }
}
