package org.enverify.platform.net;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A list of address ranges as a setting stores it, parsed once: no list admits every address, a list
 * admits only addresses inside one of its ranges (a text that is no range admits none).
 *
 * @param texts the ranges as written, in order
 * @param ranges those of them that parse
 */
public record AddressRanges(List<String> texts, List<Cidr> ranges) {

    public AddressRanges {
        texts = List.copyOf(texts);
        ranges = List.copyOf(ranges);
    }

    public static AddressRanges of(List<String> texts) {
        return new AddressRanges(
                texts, texts.stream().map(Cidr::parse).flatMap(Optional::stream).toList());
    }

    /** Whether the client is admitted; its address is asked for only when the list restricts. */
    public boolean admits(Supplier<InetAddress> client) {
        if (texts.isEmpty()) {
            return true;
        }
        InetAddress address = client.get();
        return ranges.stream().anyMatch(range -> range.contains(address));
    }
}
