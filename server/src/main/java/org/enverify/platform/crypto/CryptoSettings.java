package org.enverify.platform.crypto;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The master key that encrypts every stored secret.
 *
 * @param masterKeyset path of the Tink keyset file ({@code ENVERIFY_MASTER_KEYSET}); by default
 *     {@code master-keyset.json} in the data directory, created on first start
 */
@ConfigurationProperties("enverify")
public record CryptoSettings(Path masterKeyset) {}
