package org.enverify.platform.blob;

import org.enverify.platform.EnverifySettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The S3 bucket when {@code ENVERIFY_S3_BUCKET} is set, else the local blob directory. */
@Configuration(proxyBeanMethods = false)
class BlobStoreConfiguration {

    @Bean
    BlobStore blobStore(BlobSettings blobs, S3Settings s3, EnverifySettings settings) {
        if (!s3.bucket().isBlank()) {
            return new S3BlobStore(s3);
        }
        boolean configured = blobs.dir() != null && !blobs.dir().toString().isBlank();
        return new LocalBlobStore(configured ? blobs.dir() : settings.dataDir().resolve("blobs"));
    }
}
