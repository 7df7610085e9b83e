package org.enverify.platform.crypto;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The master key that encrypts every stored secret.
 *
 * @param masterKeyset path of the Tink keyset file ({@code ENVERIFY_MASTER_KEYSET}); by default
 *     {@code master-keyset.json} in the data directory, created on first start
 * @param masterKeyUri a cloud KMS key that wraps the keyset file ({@code ENVERIFY_MASTER_KEY_URI},
 *     {@code aws-kms://arn:aws:kms:...} or {@code gcp-kms://projects/.../cryptoKeys/...}); without
 *     it the keyset file is stored in clear and must be protected by file permissions
 */
@ConfigurationProperties("enverify")
public record CryptoSettings(Path masterKeyset, String masterKeyUri) {}
