package org.enverify.platform.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.integration.awskms.AwsKmsClient;
import com.google.crypto.tink.integration.gcpkms.GcpKmsClient;
import java.security.GeneralSecurityException;

/** The cloud KMS key that wraps the master keyset, reached with the platform's default credentials. */
final class KeyEncryptionKeys {

    private KeyEncryptionKeys() {}

    static Aead forUri(String uri) {
        try {
            if (uri.startsWith("aws-kms://")) {
                return new AwsKmsClient(uri).withDefaultCredentials().getAead(uri);
            }
            if (uri.startsWith("gcp-kms://")) {
                return new GcpKmsClient(uri).withDefaultCredentials().getAead(uri);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot reach the master key " + uri + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException(
                "ENVERIFY_MASTER_KEY_URI must start with aws-kms:// or gcp-kms://, not " + uri.split("://")[0]);
    }
}
