package org.enverify.platform.blob;

import org.enverify.platform.EnverifySettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class BlobStoreConfiguration {

    @Bean
    BlobStore blobStore(BlobSettings blobs, EnverifySettings settings) {
        boolean configured = blobs.dir() != null && !blobs.dir().toString().isBlank();
        return new LocalBlobStore(configured ? blobs.dir() : settings.dataDir().resolve("blobs"));
    }
}
