package org.enverify.platform.blob;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * An S3 or S3-compatible bucket (MinIO, Ceph, cloud object stores) for blobs instead of the local directory.
 *
 * @param bucket the bucket ({@code ENVERIFY_S3_BUCKET}); set, it replaces the local blob directory
 * @param endpoint the store's URL for S3-compatible stores ({@code ENVERIFY_S3_ENDPOINT}); empty for AWS itself
 * @param region the bucket's region ({@code ENVERIFY_S3_REGION})
 * @param accessKey access key id ({@code ENVERIFY_S3_ACCESS_KEY}); empty uses the platform's default credentials
 * @param secretKey secret access key ({@code ENVERIFY_S3_SECRET_KEY})
 * @param pathStyle addresses the bucket in the path rather than the host name, as most S3-compatible stores need
 *     ({@code ENVERIFY_S3_PATH_STYLE})
 * @param prefix put before every key, such as {@code enverify/} to share a bucket ({@code ENVERIFY_S3_PREFIX})
 */
@ConfigurationProperties("enverify.s3")
public record S3Settings(
        @DefaultValue("") String bucket,
        @DefaultValue("") String endpoint,
        @DefaultValue("us-east-1") String region,
        @DefaultValue("") String accessKey,
        @DefaultValue("") String secretKey,
        @DefaultValue("false") boolean pathStyle,
        @DefaultValue("") String prefix) {}
