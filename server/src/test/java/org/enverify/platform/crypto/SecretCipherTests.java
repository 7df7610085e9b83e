package org.enverify.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.enverify.platform.EnverifySettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCipherTests {

    @TempDir
    Path dataDir;

    private SecretCipher cipherIn(Path dir, Path keyset) {
        return new SecretCipher(
                new CryptoSettings(keyset), new EnverifySettings("all", dir, false, Duration.ofSeconds(30), ""));
    }

    @Test
    void createsAPrivateKeysetOnceAndReadsItBack() throws Exception {
        byte[] secret = "twilio-token".getBytes(StandardCharsets.UTF_8);
        byte[] ciphertext = cipherIn(dataDir, null).encrypt(secret, "sms_configs.token:7");

        Path keyset = dataDir.resolve("master-keyset.json");
        assertThat(Files.getPosixFilePermissions(keyset)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain("twilio-token");
        assertThat(cipherIn(dataDir, null).decrypt(ciphertext, "sms_configs.token:7"))
                .isEqualTo(secret);
    }

    @Test
    void aCiphertextMovedToAnotherRowDoesNotDecrypt() {
        SecretCipher cipher = cipherIn(dataDir, null);
        byte[] ciphertext = cipher.encrypt(new byte[] {1, 2, 3}, "realm_certificate_keys.private_key:1:r1v1");
        assertThatThrownBy(() -> cipher.decrypt(ciphertext, "realm_certificate_keys.private_key:2:r2v1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not decrypt");
    }

    @Test
    void anotherInstallationsKeysetCannotReadOurSecrets(@TempDir Path elsewhere) {
        byte[] ciphertext = cipherIn(dataDir, null).encrypt(new byte[] {9}, "x");
        SecretCipher foreign = cipherIn(dataDir, elsewhere.resolve("other-keyset.json"));
        assertThat(elsewhere.resolve("other-keyset.json")).exists();
        assertThatThrownBy(() -> foreign.decrypt(ciphertext, "x")).isInstanceOf(IllegalStateException.class);
    }
}
