package org.enverify.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.enverify.EnverifyApplication;
import org.enverify.support.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * With {@code ENVERIFY_DATABASE_URL} set, Enverify uses that PostgreSQL and starts no embedded one.
 * Runs where a PostgreSQL listens on 127.0.0.1:5432 with trust authentication, as on CI.
 */
class ExternalDatabaseIntegrationTests {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    @TempDir
    Path dataDir;

    @Test
    void runsOnTheConfiguredDatabase() throws SQLException {
        String database = "enverify_test_" + UUID.randomUUID().toString().replace("-", "");
        assumeTrue(createDatabase(database), "no PostgreSQL accepts connections on 127.0.0.1:5432");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(EnverifyApplication.class)
                .properties(Map.of(
                        "enverify.database.url",
                        SERVER + database,
                        "enverify.database.username",
                        "postgres",
                        "enverify.data-dir",
                        dataDir.toString(),
                        "enverify.roles",
                        "ui"))
                .run("--server.port=0", "--management.server.port=0")) {
            ApiClient api =
                    new ApiClient(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
            assertThat(api.get("/health?service=database").status()).isEqualTo(200);
            assertThat(api.get("/jwks/system").body()).contains("\"kid\":\"v1\"");
        }
        assertThat(Files.exists(dataDir.resolve("pgdata")))
                .as("no embedded database")
                .isFalse();
        try (Connection connection = DriverManager.getConnection(SERVER + database, "postgres", "")) {
            var rows = connection.createStatement().executeQuery("SELECT count(*) FROM system_certificate_keys");
            rows.next();
            assertThat(rows.getInt(1))
                    .as("keys were written to the external database")
                    .isEqualTo(1);
        } finally {
            try (Connection admin = DriverManager.getConnection(SERVER + "postgres", "postgres", "")) {
                admin.createStatement().execute("DROP DATABASE " + database + " WITH (FORCE)");
            }
        }
    }

    private static boolean createDatabase(String name) {
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", "postgres", "")) {
            admin.createStatement().execute("CREATE DATABASE " + name);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
