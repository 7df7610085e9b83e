package org.enverify.platform.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.enverify.platform.EnverifySettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The connection pool, on the external database when one is configured, else on the embedded one. */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(DatabaseSettings database, EnverifySettings settings) {
        return database.embedded()
                ? new EmbeddedDatabase(EmbeddedPostgres.open(
                        settings.dataDir(), database.binariesIn(settings.dataDir()), database.embeddedDurable()))
                : new EmbeddedDatabase(null);
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(DatabaseSettings database, EmbeddedDatabase embedded) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("enverify");
        config.setMaximumPoolSize(database.maxPoolSize());
        if (embedded.server() != null) {
            config.setJdbcUrl(embedded.server().jdbcUrl());
            config.setUsername("postgres");
            config.setPassword("postgres");
        } else {
            config.setJdbcUrl(database.url());
            config.setUsername(database.username().isBlank() ? null : database.username());
            config.setPassword(database.password().isBlank() ? null : database.password());
        }
        return new HikariDataSource(config);
    }

    /** Holds the embedded server, if any, so it stops after the pool has closed. */
    record EmbeddedDatabase(EmbeddedPostgres server) implements AutoCloseable {

        @Override
        public void close() throws Exception {
            if (server != null) {
                server.close();
            }
        }
    }
}
