package org.enverify.sms;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's request signature ({@code X-Twilio-Signature}): base64 of the HMAC-SHA1, keyed with the
 * account's auth token, of the full URL Twilio called followed by every POST parameter's name and
 * value, sorted by name.
 */
final class TwilioSignature {

    private TwilioSignature() {}

    static String compute(String authToken, String url, Map<String, List<String>> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params)
                .forEach((name, values) -> values.stream()
                        .sorted()
                        .forEach(value -> data.append(name).append(value)));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder()
                    .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 is unavailable", e);
        }
    }

    static boolean matches(String authToken, String url, Map<String, List<String>> params, String presented) {
        if (presented == null || presented.isBlank()) {
            return false;
        }
        return MessageDigest.isEqual(
                compute(authToken, url, params).getBytes(StandardCharsets.US_ASCII),
                presented.trim().getBytes(StandardCharsets.US_ASCII));
    }
}
