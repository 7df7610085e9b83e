package org.enverify.backup;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Database backups.
 *
 * @param keep how many backups stay in the blob store; older ones are removed ({@code ENVERIFY_BACKUP_KEEP})
 * @param pgDump the {@code pg_dump} to use ({@code ENVERIFY_BACKUP_PG_DUMP}); empty finds one beside the
 *     database server's own binaries or on the {@code PATH}, and uses the built-in exporter when none can read the server
 * @param timeout longest time one dump may take ({@code ENVERIFY_BACKUP_TIMEOUT})
 */
@ConfigurationProperties("enverify.backup")
public record BackupSettings(
        @DefaultValue("7") int keep,
        @DefaultValue("") String pgDump,
        @DefaultValue("1h") Duration timeout) {

    public BackupSettings {
        if (keep < 1) {
            throw new IllegalArgumentException("ENVERIFY_BACKUP_KEEP must be at least 1");
        }
    }
}
