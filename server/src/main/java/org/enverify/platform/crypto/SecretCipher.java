package org.enverify.platform.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.enverify.platform.EnverifySettings;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets that must be read back (private keys, HMAC keys, provider tokens) with AES-GCM
 * under the master keyset. The associated data binds a ciphertext to its place (table, column, row
 * owner), so a ciphertext copied to another row does not decrypt.
 */
@Component
public class SecretCipher {

    private final Aead aead;

    @Autowired
    SecretCipher(CryptoSettings crypto, EnverifySettings settings) {
        this(
                crypto.masterKeyset() != null
                        ? crypto.masterKeyset()
                        : settings.dataDir().resolve("master-keyset.json"),
                crypto.masterKeyUri() == null || crypto.masterKeyUri().isBlank()
                        ? null
                        : KeyEncryptionKeys.forUri(crypto.masterKeyUri()));
    }

    /** @param keyEncryptionKey wraps the keyset file, or null to keep it in clear */
    SecretCipher(Path keysetFile, Aead keyEncryptionKey) {
        try {
            AeadConfig.register();
            this.aead = new KeysetFile(keysetFile, keyEncryptionKey)
                    .loadOrCreate()
                    .getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "The master keyset " + keysetFile
                            + " is not a valid Tink AEAD keyset, or the configured master key cannot open it",
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the master keyset " + keysetFile, e);
        }
    }

    public byte[] encrypt(byte[] plaintext, String associatedData) {
        try {
            return aead.encrypt(plaintext, associatedData.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    public byte[] decrypt(byte[] ciphertext, String associatedData) {
        try {
            return aead.decrypt(ciphertext, associatedData.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "A stored secret does not decrypt under the master keyset (wrong keyset, or the row was moved)", e);
        }
    }
}
