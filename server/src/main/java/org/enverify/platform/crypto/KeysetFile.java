package org.enverify.platform.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master keyset on disk: JSON, readable by its owner only, wrapped by a KMS key when one is
 * configured. Created once, by whichever process of an installation gets there first.
 */
final class KeysetFile {

    private static final Logger log = LoggerFactory.getLogger(KeysetFile.class);
    private static final byte[] WRAPPING_CONTEXT = "enverify master keyset".getBytes(StandardCharsets.UTF_8);

    private final Path file;
    private final Aead keyEncryptionKey;

    KeysetFile(Path file, Aead keyEncryptionKey) {
        this.file = file;
        this.keyEncryptionKey = keyEncryptionKey;
    }

    KeysetHandle loadOrCreate() throws IOException, GeneralSecurityException {
        if (!Files.exists(file)) {
            create();
        }
        String json = Files.readString(file, StandardCharsets.UTF_8);
        return keyEncryptionKey == null
                ? TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get())
                : TinkJsonProtoKeysetFormat.parseEncryptedKeyset(json, keyEncryptionKey, WRAPPING_CONTEXT);
    }

    private void create() throws IOException, GeneralSecurityException {
        KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        String json = keyEncryptionKey == null
                ? TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get())
                : TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(handle, keyEncryptionKey, WRAPPING_CONTEXT);
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, "master-keyset", ".tmp");
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        }
        Files.writeString(temporary, json, StandardCharsets.UTF_8);
        try {
            // A hard link publishes the complete file atomically and fails if another process published first.
            Files.createLink(file, temporary);
            log.info("Created the master keyset {}; back it up: without it no stored secret can be read", file);
        } catch (FileAlreadyExistsException e) {
            log.info("Another process created the master keyset {} first; using it", file);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
