package org.enverify.platform.database;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the database is. With no URL, Enverify runs its embedded PostgreSQL in the data directory.
 *
 * @param url JDBC URL of an external PostgreSQL ({@code ENVERIFY_DATABASE_URL}); empty for the embedded one
 * @param username user of the external database ({@code ENVERIFY_DATABASE_USERNAME})
 * @param password password of the external database ({@code ENVERIFY_DATABASE_PASSWORD})
 * @param maxPoolSize connections this process keeps at most
 */
@ConfigurationProperties("enverify.database")
public record DatabaseSettings(
        @DefaultValue("") String url,
        @DefaultValue("") String username,
        @DefaultValue("") String password,
        @DefaultValue("20") int maxPoolSize) {

    boolean embedded() {
        return url.isBlank();
    }
}
