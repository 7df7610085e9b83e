package org.enverify.platform.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import org.enverify.platform.EnverifySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets that must be read back (private keys, HMAC keys, provider tokens) with AES-GCM
 * under the master keyset. The associated data binds a ciphertext to its place (table, column, row
 * owner), so a ciphertext copied to another row does not decrypt.
 */
@Component
public class SecretCipher {

    private static final Logger log = LoggerFactory.getLogger(SecretCipher.class);

    private final Aead aead;

    SecretCipher(CryptoSettings crypto, EnverifySettings settings) {
        Path keysetFile = crypto.masterKeyset() != null
                ? crypto.masterKeyset()
                : settings.dataDir().resolve("master-keyset.json");
        try {
            AeadConfig.register();
            this.aead = loadOrCreate(keysetFile).getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The master keyset " + keysetFile + " is not a valid Tink AEAD keyset", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the master keyset " + keysetFile, e);
        }
    }

    private static KeysetHandle loadOrCreate(Path file) throws IOException, GeneralSecurityException {
        if (Files.exists(file)) {
            return TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(file), InsecureSecretKeyAccess.get());
        }
        KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, "master-keyset", ".tmp");
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        }
        Files.writeString(
                temporary,
                TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get()),
                StandardCharsets.UTF_8);
        try {
            // A hard link publishes the complete file atomically and fails if another process published first.
            Files.createLink(file, temporary);
            log.info("Created the master keyset {}; back it up: without it no stored secret can be read", file);
        } catch (FileAlreadyExistsException e) {
            log.info("Another process created the master keyset {} first; using it", file);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(file), InsecureSecretKeyAccess.get());
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
