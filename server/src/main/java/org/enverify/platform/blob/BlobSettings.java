package org.enverify.platform.blob;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where blobs are kept.
 *
 * @param dir the directory of the local blob store ({@code ENVERIFY_BLOB_DIR}); unset means {@code <data dir>/blobs}
 */
@ConfigurationProperties("enverify.blob")
public record BlobSettings(Path dir) {}
