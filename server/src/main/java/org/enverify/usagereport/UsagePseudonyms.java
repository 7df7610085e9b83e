package org.enverify.usagereport;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.enverify.platform.crypto.CryptoProvider;
import org.enverify.platform.crypto.SecretCipher;
import org.springframework.stereotype.Component;

/**
 * Stable names for the installation, its realms and its users that the collector cannot turn back into ids: an
 * HMAC-SHA256 under a random key made on the first report, stored encrypted under the master keyset and never
 * sent. Losing the key (a new database without the old rows) starts new pseudonyms.
 */
@Component
class UsagePseudonyms {

    private static final int KEY_BYTES = 32;

    private static final int PSEUDONYM_BYTES = 16;

    private static final String ASSOCIATED_DATA = "usage_report_key.secret";

    private final UsageReportRepository repository;
    private final SecretCipher cipher;
    private final Clock clock;
    private volatile SecretKeySpec key;

    UsagePseudonyms(UsageReportRepository repository, SecretCipher cipher, Clock clock) {
        this.repository = repository;
        this.cipher = cipher;
        this.clock = clock;
    }

    String installation() {
        return pseudonym("installation");
    }

    String realm(long realmId) {
        return pseudonym("realm:" + realmId);
    }

    String user(long userId) {
        return pseudonym("user:" + userId);
    }

    private String pseudonym(String name) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key());
            byte[] digest = mac.doFinal(name.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, PSEUDONYM_BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec loaded = key;
        if (loaded == null) {
            if (repository.pseudonymKey().isEmpty()) {
                byte[] secret = CryptoProvider.randomBytes(KEY_BYTES);
                repository.storePseudonymKeyIfAbsent(cipher.encrypt(secret, ASSOCIATED_DATA), clock.instant());
            }
            byte[] stored = cipher.decrypt(repository.pseudonymKey().orElseThrow(), ASSOCIATED_DATA);
            loaded = new SecretKeySpec(stored, "HmacSHA256");
            key = loaded;
        }
        return loaded;
    }
}
