package org.enverify.platform.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("security")
class OutboundAddressesTests {

    static Stream<String> registryBlocks() {
        return Stream.concat(OutboundAddresses.SPECIAL_IPV4.stream(), OutboundAddresses.SPECIAL_IPV6.stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("registryBlocks")
    void theFirstAndLastAddressOfEverySpecialPurposeBlockAreRefused(String block) throws UnknownHostException {
        String[] parts = block.split("/");
        byte[] first = InetAddress.getByName(parts[0]).getAddress();
        int hostBits = first.length * 8 - Integer.parseInt(parts[1]);
        BigInteger last =
                new BigInteger(1, first).or(BigInteger.ONE.shiftLeft(hostBits).subtract(BigInteger.ONE));
        byte[] lastBytes = last.toByteArray();
        byte[] lastAddress = new byte[first.length];
        int copied = Math.min(lastBytes.length, first.length);
        System.arraycopy(lastBytes, lastBytes.length - copied, lastAddress, first.length - copied, copied);

        assertThat(OutboundAddresses.isPublic(InetAddress.getByAddress(first))).isFalse();
        assertThat(OutboundAddresses.isPublic(InetAddress.getByAddress(lastAddress)))
                .as(Arrays.toString(lastAddress))
                .isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "::127.0.0.1", // IPv4-compatible
                "::7f00:1",
                "::a00:1",
                "::ffff:127.0.0.1", // IPv4-mapped
                "::ffff:a9fe:a9fe",
                "64:ff9b::a00:1", // NAT64
                "64:ff9b::a9fe:a9fe",
                "64:ff9b::7f00:1",
                "64:ff9b:1::a00:1",
                "2002:7f00:1::1", // 6to4
                "2002:a00:1::1",
                "2001:0:4136:e378:8000:63bf:3fff:fdd2", // Teredo
                "255.255.255.255",
                "224.0.0.1",
                "239.255.255.250",
                "fec0::1", // site-local
                "ff02::1",
                "::",
                "0.0.0.0",
                "100.100.100.200",
                "169.254.169.254",
                "fd00:ec2::254"
            })
    void formsThatReachPrivateSpaceAreRefused(String address) throws UnknownHostException {
        assertThat(OutboundAddresses.isPublic(InetAddress.getByName(address))).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "2a00:1450:4001:81c::200e"})
    void publicUnicastAddressesAreAllowed(String address) throws UnknownHostException {
        assertThat(OutboundAddresses.isPublic(InetAddress.getByName(address))).isTrue();
    }
}
