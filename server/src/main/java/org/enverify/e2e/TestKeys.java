package org.enverify.e2e;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Temporary exposure keys as a phone makes them, and their HMAC as the key server computes it. */
final class TestKeys {

    static final int ROLLING_PERIOD = 144;

    record Tek(String key, int rollingStartNumber, int rollingPeriod, int transmissionRisk) {}

    private TestKeys() {}

    /** {@code count} random keys, one per UTC day back from today's, transmission risk 0. */
    static List<Tek> generate(int count, Instant now, SecureRandom random) {
        long todayInterval = now.getEpochSecond() / 86_400 * 86_400 / 600;
        List<Tek> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] key = new byte[16];
            random.nextBytes(key);
            keys.add(new Tek(
                    Base64.getEncoder().encodeToString(key),
                    (int) (todayInterval - (long) ROLLING_PERIOD * i),
                    ROLLING_PERIOD,
                    0));
        }
        return keys;
    }

    /** HMAC-SHA256 of the keys sorted by their base64 text, as {@code key.start.period.risk} joined with commas. */
    static String hmac(List<Tek> keys, byte[] secret) {
        String cleartext = keys.stream()
                .sorted(Comparator.comparing(Tek::key))
                .map(tek -> tek.key() + "." + tek.rollingStartNumber() + "." + tek.rollingPeriod() + "."
                        + tek.transmissionRisk())
                .collect(Collectors.joining(","));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(cleartext.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing", e);
        }
    }
}
