package org.enverify.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.integration.awskms.AwsKmsClient;
import com.google.crypto.tink.integration.gcpkms.GcpKmsClient;
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
                new CryptoSettings(keyset, null), new EnverifySettings("all", dir, false, Duration.ofSeconds(30), ""));
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

    @Test
    void aKmsKeyWrapsTheKeysetSoTheFileAloneOpensNothing() throws Exception {
        AeadConfig.register();
        Aead kms = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
                .getPrimitive(RegistryConfiguration.get(), Aead.class);
        Path keyset = dataDir.resolve("wrapped-keyset.json");
        byte[] ciphertext = new SecretCipher(keyset, kms).encrypt(new byte[] {7}, "x");

        assertThat(Files.readString(keyset)).contains("encryptedKeyset").doesNotContain("\"value\"");
        assertThat(new SecretCipher(keyset, kms).decrypt(ciphertext, "x")).containsExactly(7);
        Aead otherKms = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
                .getPrimitive(RegistryConfiguration.get(), Aead.class);
        assertThatThrownBy(() -> new SecretCipher(keyset, otherKms))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("master key cannot open it");
    }

    @Test
    void anUnknownKmsSchemeIsRefusedByName() {
        assertThatThrownBy(() -> new SecretCipher(
                        new CryptoSettings(null, "vault://transit/enverify"),
                        new EnverifySettings("all", dataDir, false, Duration.ofSeconds(30), "")))
                .hasMessageContaining("aws-kms:// or gcp-kms://");
    }

    @Test
    void bothCloudKmsClientsAreShipped() {
        // Constructing a client reads no credentials and calls no service.
        assertThat(new AwsKmsClient("aws-kms://arn:aws:kms:eu-west-1:111122223333:key/enverify")
                        .doesSupport("aws-kms://arn:aws:kms:eu-west-1:111122223333:key/enverify"))
                .isTrue();
        assertThat(new GcpKmsClient("gcp-kms://projects/p/locations/l/keyRings/r/cryptoKeys/k")
                        .doesSupport("gcp-kms://projects/p/locations/l/keyRings/r/cryptoKeys/k"))
                .isTrue();
    }
}
