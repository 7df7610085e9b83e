package org.enverify.platform.blob;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Blobs as objects in an S3 bucket. A put is one PUT, so readers never see half an object. Checksums
 * are sent only where S3 requires them, which S3-compatible stores accept too.
 */
final class S3BlobStore implements BlobStore, AutoCloseable {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    S3BlobStore(S3Settings settings) {
        AwsCredentialsProvider credentials = settings.accessKey().isBlank()
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()));
        S3ClientBuilder builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(settings.pathStyle())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (!settings.endpoint().isBlank()) {
            builder.endpointOverride(URI.create(settings.endpoint().trim()));
        }
        this.s3 = builder.build();
        this.bucket = settings.bucket();
        this.prefix = settings.prefix();
    }

    @Override
    public void put(String key, Path file) throws IOException {
        String object = prefix + BlobStore.checkKey(key);
        try {
            s3.putObject(request -> request.bucket(bucket).key(object), RequestBody.fromFile(file));
        } catch (SdkException e) {
            throw failed("store", key, e);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        String object = prefix + BlobStore.checkKey(key);
        try {
            return s3.getObject(request -> request.bucket(bucket).key(object));
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(key);
        } catch (SdkException e) {
            throw failed("read", key, e);
        }
    }

    @Override
    public List<Blob> list(String keyPrefix) throws IOException {
        List<Blob> blobs = new ArrayList<>();
        try {
            for (S3Object object : s3.listObjectsV2Paginator(
                            request -> request.bucket(bucket).prefix(prefix + keyPrefix))
                    .contents()) {
                blobs.add(new Blob(object.key().substring(prefix.length()), object.size()));
            }
        } catch (SdkException e) {
            throw failed("list", keyPrefix + "*", e);
        }
        blobs.sort(Comparator.comparing(Blob::key));
        return blobs;
    }

    @Override
    public void delete(String key) throws IOException {
        String object = prefix + BlobStore.checkKey(key);
        try {
            s3.deleteObject(request -> request.bucket(bucket).key(object));
        } catch (SdkException e) {
            throw failed("delete", key, e);
        }
    }

    private IOException failed(String action, String key, SdkException e) {
        return new IOException("Cannot " + action + " " + key + " in S3 bucket " + bucket + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        s3.close();
    }
}
