package org.enverify.signing;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.security.MessageDigest;
import java.util.List;
import org.enverify.platform.EnverifySettings;
import org.enverify.platform.crypto.CryptoProvider;
import org.springframework.stereotype.Component;

/**
 * HMAC-SHA512 under the keys of one purpose. New values are computed with the newest key; lookups
 * compute one MAC per key version, so values stored before a rotation still match.
 */
@Component
public class HmacKeyring {

    private final LoadingCache<HmacPurpose, List<byte[]>> keys;

    HmacKeyring(HmacKeyStore store, EnverifySettings settings) {
        this.keys = Caffeine.newBuilder().refreshAfterWrite(settings.cacheTtl()).build(store::secretsNewestFirst);
    }

    public byte[] mac(HmacPurpose purpose, byte[] data) {
        return CryptoProvider.hmacSha512(keys.get(purpose).getFirst(), data);
    }

    /** One MAC per key version, newest first: the values a stored MAC may equal. */
    public List<byte[]> macsForLookup(HmacPurpose purpose, byte[] data) {
        return keys.get(purpose).stream()
                .map(key -> CryptoProvider.hmacSha512(key, data))
                .toList();
    }

    /** Whether {@code mac} is the MAC of {@code data} under any key version; constant time per version. */
    public boolean matchesAny(HmacPurpose purpose, byte[] data, byte[] mac) {
        boolean matched = false;
        for (byte[] candidate : macsForLookup(purpose, data)) {
            matched |= MessageDigest.isEqual(candidate, mac);
        }
        return matched;
    }
}
