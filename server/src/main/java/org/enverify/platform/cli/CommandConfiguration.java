package org.enverify.platform.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.MigrationVersion;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.context.MessageSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The few auto-configurations a command uses, in place of the server's hundred or so (Launch turns
 * the others off): the database with its migrations, transactions, JSON, messages and an in-memory
 * meter registry. No web server, actuator, tracing, security, sessions or scheduler.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(CommandRunner.ENABLED_PROPERTY)
@ImportAutoConfiguration({
    PropertyPlaceholderAutoConfiguration.class,
    MessageSourceAutoConfiguration.class,
    JacksonAutoConfiguration.class,
    JdbcTemplateAutoConfiguration.class,
    JdbcClientAutoConfiguration.class,
    DataSourceTransactionManagerAutoConfiguration.class,
    TransactionAutoConfiguration.class,
    FlywayAutoConfiguration.class,
    MetricsAutoConfiguration.class,
    SimpleMetricsExportAutoConfiguration.class,
    CompositeMeterRegistryAutoConfiguration.class
})
class CommandConfiguration {

    private static final Pattern VERSIONED = Pattern.compile("V([0-9._]+)__.*\\.sql");

    /**
     * A command migrates a schema older than its jar (a command run before the first start of a
     * server), and leaves an up-to-date one alone: Flyway's validation of every migration would take
     * longer than most commands.
     */
    @Bean
    FlywayMigrationStrategy migrateOnlyWhenBehind() {
        return flyway -> {
            Optional<MigrationVersion> shipped = newestShipped(flyway);
            if (shipped.isEmpty()
                    || newestApplied(flyway).filter(shipped.get()::equals).isEmpty()) {
                flyway.migrate();
            }
        };
    }

    private static Optional<MigrationVersion> newestShipped(Flyway flyway) {
        PathMatchingResourcePatternResolver resources = new PathMatchingResourcePatternResolver(
                flyway.getConfiguration().getClassLoader());
        return Stream.of(flyway.getConfiguration().getLocations())
                .filter(Location::isClassPath)
                .flatMap(location -> {
                    try {
                        return Stream.of(resources.getResources("classpath:" + location.getRootPath() + "/V*__*.sql"));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .map(Resource::getFilename)
                .filter(Objects::nonNull)
                .map(VERSIONED::matcher)
                .filter(Matcher::matches)
                .map(name -> MigrationVersion.fromVersion(name.group(1).replace('_', '.')))
                .max(Comparator.naturalOrder());
    }

    private static Optional<MigrationVersion> newestApplied(Flyway flyway) {
        JdbcClient jdbc = JdbcClient.create(flyway.getConfiguration().getDataSource());
        try {
            return jdbc
                    .sql("SELECT version FROM " + flyway.getConfiguration().getTable()
                            + " WHERE success AND version IS NOT NULL")
                    .query(String.class)
                    .list()
                    .stream()
                    .map(MigrationVersion::fromVersion)
                    .max(Comparator.naturalOrder());
        } catch (org.springframework.dao.DataAccessException e) {
            return Optional.empty(); // no history table yet: a fresh database
        }
    }
}
