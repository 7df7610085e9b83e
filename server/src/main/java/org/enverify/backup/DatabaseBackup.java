package org.enverify.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javax.sql.DataSource;
import org.enverify.jobs.PeriodicTask;
import org.enverify.platform.blob.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Dumps the database to {@code backups/enverify-<UTC time>.sql.gz} in the blob store and keeps the
 * newest {@code ENVERIFY_BACKUP_KEEP}. The master keyset is not in it: back that up apart.
 */
@Component
class DatabaseBackup implements PeriodicTask {

    static final String PREFIX = "backups/";
    private static final String PATTERN = "backups/enverify-\\d{8}T\\d{6}Z\\.sql\\.gz";
    private static final DateTimeFormatter NAME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Logger log = LoggerFactory.getLogger(DatabaseBackup.class);

    private final DataSource dataSource;
    private final BlobStore blobs;
    private final BackupSettings settings;

    DatabaseBackup(DataSource dataSource, BlobStore blobs, BackupSettings settings) {
        this.dataSource = dataSource;
        this.blobs = blobs;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "backup";
    }

    @Override
    public String defaultSchedule() {
        return "DAILY|03:00";
    }

    @Override
    public String run(Instant now) throws IOException, SQLException, InterruptedException {
        String key = PREFIX + "enverify-" + NAME.format(now) + ".sql.gz";
        Path dump = Files.createTempFile("enverify-backup-", ".sql.gz");
        String method;
        long size;
        try {
            method = new DatabaseDump(dataSource, settings).writeTo(dump);
            size = Files.size(dump);
            blobs.put(key, dump);
        } finally {
            Files.deleteIfExists(dump);
        }
        List<BlobStore.Blob> backups = blobs.list(PREFIX).stream()
                .filter(blob -> blob.key().matches(PATTERN))
                .toList();
        int removed = 0;
        // Keys sort by time: the oldest come first.
        for (BlobStore.Blob old : backups.subList(0, Math.max(0, backups.size() - settings.keep()))) {
            blobs.delete(old.key());
            removed++;
        }
        log.info("Database backup {} written ({} bytes, {}); {} old backups removed", key, size, method, removed);
        return key + " (" + size + " bytes, " + method + "), " + removed + " old backups removed";
    }
}
