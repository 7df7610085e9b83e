package org.enverify.platform.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Named files kept apart from the database: a local directory by default, or an S3 bucket. Keys are relative paths of
 * letters, digits, {@code . _ -} and {@code /}, such as {@code backups/enverify-20261122T030000Z.sql.gz}.
 */
public interface BlobStore {

    /** Stores the file's content under the key, replacing what was there; readers never see half of it. */
    void put(String key, Path file) throws IOException;

    InputStream open(String key) throws IOException;

    /** The blobs whose keys start with the prefix, ordered by key. */
    List<Blob> list(String prefix) throws IOException;

    /** Removes the blob; removing one that is not there is not an error. */
    void delete(String key) throws IOException;

    /** A stored blob. */
    record Blob(String key, long size) {}

    /** @throws IllegalArgumentException for a key that could leave the store or is not a plain path */
    static String checkKey(String key) {
        if (key == null
                || !key.matches("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*")
                || key.length() > 500
                || List.of(key.split("/")).stream().anyMatch(part -> part.equals(".") || part.equals(".."))) {
            throw new IllegalArgumentException("'" + key + "' is not a blob key");
        }
        return key;
    }
}
