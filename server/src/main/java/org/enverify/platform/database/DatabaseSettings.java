package org.enverify.platform.database;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the database is. With no URL, Enverify runs its embedded PostgreSQL in the data directory.
 *
 * @param url JDBC URL of an external PostgreSQL ({@code ENVERIFY_DATABASE_URL}); empty for the embedded one
 * @param username user of the external database ({@code ENVERIFY_DATABASE_USERNAME})
 * @param password password of the external database ({@code ENVERIFY_DATABASE_PASSWORD})
 * @param maxPoolSize connections this process keeps at most
 * @param embeddedDurable whether the embedded server flushes every commit to disk before confirming it
 *     ({@code ENVERIFY_DATABASE_EMBEDDED_DURABLE}); {@code false} is faster and loses confirmed data in a crash
 * @param embeddedBinaries where the embedded server's binaries are unpacked ({@code
 *     ENVERIFY_DATABASE_EMBEDDED_BINARIES}); empty for {@code postgres-binaries} in the data directory
 */
@ConfigurationProperties("enverify.database")
public record DatabaseSettings(
        @DefaultValue("") String url,
        @DefaultValue("") String username,
        @DefaultValue("") String password,
        @DefaultValue("20") int maxPoolSize,
        @DefaultValue("true") boolean embeddedDurable,
        @DefaultValue("") String embeddedBinaries) {

    boolean embedded() {
        return url.isBlank();
    }

    Path binariesIn(Path dataDir) {
        return embeddedBinaries.isBlank() ? dataDir.resolve("postgres-binaries") : Path.of(embeddedBinaries);
    }
}
