package org.enverify.verify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The key server's TEK HMAC, written from its contract, to check the tekmac a phone would send. */
final class TekHmac {

    record Tek(String key, int rollingStartNumber, int rollingPeriod, int transmissionRisk) {}

    private TekHmac() {}

    /** The 4-field form, keys sorted by their base64 text. */
    static String compute(List<Tek> teks, byte[] secret) {
        return mac(
                teks,
                secret,
                tek -> tek.key() + "." + tek.rollingStartNumber() + "." + tek.rollingPeriod() + "."
                        + tek.transmissionRisk());
    }

    /** The 3-field form the key server also accepts when every transmission risk is 0. */
    static String computeWithoutRisk(List<Tek> teks, byte[] secret) {
        return mac(teks, secret, tek -> tek.key() + "." + tek.rollingStartNumber() + "." + tek.rollingPeriod());
    }

    private static String mac(List<Tek> teks, byte[] secret, Function<Tek, String> segment) {
        List<Tek> sorted = new ArrayList<>(teks);
        sorted.sort(Comparator.comparing(Tek::key));
        String cleartext = sorted.stream().map(segment).collect(Collectors.joining(","));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(cleartext.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
