package org.enverify.signing;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.enverify.platform.EnverifySettings;
import org.enverify.platform.crypto.CryptoProvider;
import org.springframework.stereotype.Component;

/**
 * HMAC-SHA512 under the key versions of one purpose. New values are computed with the newest version
 * already active; lookups compute one MAC per live version, so values stored before a rotation still
 * match, and a version announced but not yet active is already matched by every process.
 */
@Component
public class HmacKeyring {

    private final LoadingCache<HmacPurpose, List<HmacKeyStore.Version>> keys;
    private final Clock clock;

    HmacKeyring(HmacKeyStore store, EnverifySettings settings, Clock clock) {
        this.clock = clock;
        this.keys = Caffeine.newBuilder().refreshAfterWrite(settings.cacheTtl()).build(store::liveVersions);
    }

    public byte[] mac(HmacPurpose purpose, byte[] data) {
        Instant now = clock.instant();
        List<HmacKeyStore.Version> versions = keys.get(purpose);
        byte[] secret = versions.stream()
                .filter(version -> !version.activeFrom().isAfter(now))
                .findFirst()
                .orElse(versions.getLast())
                .secret();
        return CryptoProvider.hmacSha512(secret, data);
    }

    /** One MAC per live key version, newest first: the values a stored MAC may equal. */
    public List<byte[]> macsForLookup(HmacPurpose purpose, byte[] data) {
        return keys.get(purpose).stream()
                .map(version -> CryptoProvider.hmacSha512(version.secret(), data))
                .toList();
    }

    /** Whether {@code mac} is the MAC of {@code data} under any live key version; constant time per version. */
    public boolean matchesAny(HmacPurpose purpose, byte[] data, byte[] mac) {
        boolean matched = false;
        for (byte[] candidate : macsForLookup(purpose, data)) {
            matched |= MessageDigest.isEqual(candidate, mac);
        }
        return matched;
    }

    /** Forgets the cached versions, so a rotation made here is seen at once. */
    void reload() {
        keys.invalidateAll();
    }
}
