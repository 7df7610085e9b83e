package org.enverify.platform.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which addresses this server may call on a URL that an operator or a realm administrator chose: only
 * public unicast ones. Refused are every block of IANA's special-purpose address registries for IPv4
 * and IPv6 (private, loopback, link-local, shared, documentation, benchmarking, reserved, limited
 * broadcast, and the translation and tunnelling prefixes that embed an IPv4 address: IPv4-mapped,
 * NAT64, 6to4, Teredo), multicast, and every IPv6 address outside global unicast {@code 2000::/3},
 * which covers the deprecated IPv4-compatible {@code ::a.b.c.d} and site-local addresses.
 */
public final class OutboundAddresses {

    /** IANA IPv4 Special-Purpose Address Registry, with multicast. */
    static final List<String> SPECIAL_IPV4 = List.of(
            "0.0.0.0/8",
            "10.0.0.0/8",
            "100.64.0.0/10",
            "127.0.0.0/8",
            "169.254.0.0/16",
            "172.16.0.0/12",
            "192.0.0.0/24",
            "192.0.2.0/24",
            "192.31.196.0/24",
            "192.52.193.0/24",
            "192.88.99.0/24",
            "192.168.0.0/16",
            "192.175.48.0/24",
            "198.18.0.0/15",
            "198.51.100.0/24",
            "203.0.113.0/24",
            "224.0.0.0/4",
            "240.0.0.0/4",
            "255.255.255.255/32");

    /**
     * IANA IPv6 Special-Purpose Address Registry, with multicast, ULA and link-local. IPv4-mapped
     * addresses ({@code ::ffff:0:0/96}) are not listed: Java reads them as the IPv4 address they carry.
     */
    static final List<String> SPECIAL_IPV6 = List.of(
            "::1/128",
            "::/128",
            "64:ff9b::/96",
            "64:ff9b:1::/48",
            "100::/64",
            "100:0:0:1::/64",
            "2001::/23",
            "2001::/32",
            "2001:1::1/128",
            "2001:1::2/128",
            "2001:1::3/128",
            "2001:2::/48",
            "2001:3::/32",
            "2001:4:112::/48",
            "2001:10::/28",
            "2001:20::/28",
            "2001:30::/28",
            "2001:db8::/32",
            "2002::/16",
            "2620:4f:8000::/48",
            "3fff::/20",
            "5f00::/16",
            "fc00::/7",
            "fe80::/10",
            "ff00::/8");

    private static final Cidr GLOBAL_UNICAST_V6 = Cidr.parse("2000::/3").orElseThrow();

    private static final List<Cidr> REFUSED = Stream.concat(SPECIAL_IPV4.stream(), SPECIAL_IPV6.stream())
            .map(range -> Cidr.parse(range).orElseThrow())
            .toList();

    private OutboundAddresses() {}

    /** Whether a call to this address stays on the public internet. */
    public static boolean isPublic(InetAddress address) {
        if (!(address instanceof Inet4Address) && !GLOBAL_UNICAST_V6.contains(address)) {
            return false;
        }
        return REFUSED.stream().noneMatch(range -> range.contains(address));
    }
}
