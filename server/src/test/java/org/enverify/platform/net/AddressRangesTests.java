package org.enverify.platform.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressRangesTests {

    @Test
    void noRangesAdmitEveryClientWithoutAskingItsAddress() {
        Supplier<InetAddress> unasked = () -> {
            throw new AssertionError("the address was asked for");
        };
        assertThat(AddressRanges.of(List.of()).admits(unasked)).isTrue();
    }

    @ParameterizedTest(name = "{1} in {0}: {2}")
    @CsvSource({
        "10.0.0.0/8, 10.255.0.1, true",
        "10.0.0.0/8, 11.0.0.1, false",
        "'192.0.2.1/32 2001:db8::/32', 2001:db8::5, true",
        "'192.0.2.1/32 2001:db8::/32', 192.0.2.2, false",
        "10.0.0.0/8, ::ffff:10.1.2.3, true",
        "not-a-range, 10.0.0.1, false"
    })
    void listedRangesAdmitOnlyTheirAddresses(String ranges, String client, boolean admitted) throws Exception {
        AddressRanges parsed = AddressRanges.of(Arrays.asList(ranges.split(" ")));
        InetAddress address = InetAddress.getByName(client);

        assertThat(parsed.admits(() -> address)).isEqualTo(admitted);
        assertThat(parsed.texts()).containsExactly(ranges.split(" "));
    }
}
