package org.enverify.platform.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBlobStoreTests {

    @TempDir
    Path root;

    @TempDir
    Path work;

    @Test
    void storesListsReadsAndDeletes() throws Exception {
        BlobStore store = new LocalBlobStore(root.resolve("blobs"));
        assertThat(store.list("")).isEmpty();
        Path file = Files.writeString(work.resolve("a.txt"), "first", StandardCharsets.UTF_8);
        store.put("backups/b.txt", file);
        store.put("backups/a.txt", file);
        store.put("exports/c.txt", file);
        Files.writeString(file, "second", StandardCharsets.UTF_8);
        store.put("backups/a.txt", file);

        assertThat(store.list("backups/"))
                .containsExactly(new BlobStore.Blob("backups/a.txt", 6), new BlobStore.Blob("backups/b.txt", 5));
        try (InputStream in = store.open("backups/a.txt")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("second");
        }
        store.delete("backups/a.txt");
        store.delete("backups/a.txt");
        assertThat(store.list("")).extracting(BlobStore.Blob::key).containsExactly("backups/b.txt", "exports/c.txt");
        assertThat(Files.list(root.resolve("blobs/backups")).toList())
                .as("no temporary files left behind")
                .containsExactly(root.resolve("blobs/backups/b.txt"));
    }

    @Test
    void refusesKeysThatCouldLeaveTheStore() {
        BlobStore store = new LocalBlobStore(root);
        for (String key : new String[] {"../outside", "/etc/passwd", "a/../../b", "a//b", "a/./b", "", "a\\b", "a b"}) {
            assertThatThrownBy(() -> store.open(key))
                    .as(key)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not a blob key");
        }
    }
}
