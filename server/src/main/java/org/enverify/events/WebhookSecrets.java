package org.enverify.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.enverify.platform.crypto.SecretCipher;
import org.enverify.realm.RealmId;
import org.springframework.stereotype.Component;

/** Endpoint secrets, encrypted for their row; during a rotation both the new and the old one sign. */
@Component
class WebhookSecrets {

    private final SecretCipher cipher;

    WebhookSecrets(SecretCipher cipher) {
        this.cipher = cipher;
    }

    byte[] encrypt(RealmId realm, long id, String secret, boolean previous) {
        return cipher.encrypt(secret.getBytes(StandardCharsets.UTF_8), context(realm, id, previous));
    }

    String current(WebhookEndpointRepository.Row row) {
        return new String(
                cipher.decrypt(row.secretCiphertext(), context(row.realm(), row.id(), false)), StandardCharsets.UTF_8);
    }

    /** The secrets that sign a delivery now: the current one, and the previous one while its overlap lasts. */
    List<String> signingSecrets(WebhookEndpointRepository.Row row, Instant now) {
        List<String> secrets = new ArrayList<>();
        secrets.add(current(row));
        if (row.previousSecretCiphertext() != null && row.previousSecretUntil().isAfter(now)) {
            secrets.add(new String(
                    cipher.decrypt(row.previousSecretCiphertext(), context(row.realm(), row.id(), true)),
                    StandardCharsets.UTF_8));
        }
        return secrets;
    }

    private static String context(RealmId realm, long id, boolean previous) {
        return "webhook_endpoints." + (previous ? "previous_secret" : "secret") + ":" + realm + ":" + id;
    }
}
