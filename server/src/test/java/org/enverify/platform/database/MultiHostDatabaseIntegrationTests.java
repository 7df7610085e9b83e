package org.enverify.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.enverify.EnverifyApplication;
import org.enverify.account.User;
import org.enverify.account.Users;
import org.enverify.apikey.ApiKeys;
import org.enverify.realm.Realms;
import org.enverify.support.ApiClient;
import org.enverify.support.LocalPorts;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.enverify.support.UiClient;
import org.enverify.support.Waiting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Enverify finds the primary of a replicated PostgreSQL through a multi-host JDBC URL with {@code
 * targetServerType=primary}, as it would behind Patroni without HAProxy: a primary and a streaming
 * standby made from a cold copy of it, listed after a port where nothing listens and with the
 * standby first. After the primary dies and the standby is promoted, the pool's new connections
 * land on the new primary and codes issued before the failover still verify.
 */
class MultiHostDatabaseIntegrationTests {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    /** How long a request waits for a connection while there is no primary, shorter than the default 30 s. */
    private static final Duration FAILOVER_WAIT = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    @Test
    void findsThePrimaryAmongTheHostsAndFollowsAFailover() throws Exception {
        Path primaryData = dir.resolve("primary");
        Path standbyData = dir.resolve("standby");
        EmbeddedPostgres primary = server(primaryData, 0);
        int primaryPort = primary.getPort();
        try (Connection admin = connect(primaryPort, "postgres")) {
            admin.createStatement().execute("CREATE DATABASE enverify");
        }
        primary.close();
        copy(primaryData, standbyData);
        Files.writeString(standbyData.resolve("standby.signal"), "");
        Files.writeString(
                standbyData.resolve("postgresql.auto.conf"),
                "primary_conninfo = 'host=127.0.0.1 port=" + primaryPort + " user=postgres'\n",
                StandardOpenOption.APPEND);
        primary = server(primaryData, primaryPort);
        EmbeddedPostgres standby = server(standbyData, 0);
        int standbyPort = standby.getPort();
        try {
            assertThat(readOnly(standbyPort)).as("the copy runs as a standby").isTrue();
            String url = "jdbc:postgresql://127.0.0.1:" + LocalPorts.free() + ",127.0.0.1:" + standbyPort
                    + ",127.0.0.1:" + primaryPort + "/enverify?targetServerType=primary";
            try (ConfigurableApplicationContext context = new SpringApplicationBuilder(EnverifyApplication.class)
                    .properties(Map.of(
                            "enverify.database.url",
                            url,
                            "enverify.database.username",
                            "postgres",
                            "enverify.data-dir",
                            dir.resolve("enverify").toString()))
                    .run("--server.port=0", "--management.server.port=0")) {
                int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
                ApiClient api = new ApiClient(port);
                HikariDataSource pool = context.getBean(HikariDataSource.class);
                assertThat(serverPort(pool)).as("the pool's connections").isEqualTo(primaryPort);
                TestRealm realm = TestRealm.create(context.getBean(Realms.class), context.getBean(ApiKeys.class));
                UiClient ui = new UiClient(port).header("Accept", "text/html");
                User admin = TestUsers.systemAdmin(context.getBean(Users.class));
                assertThat(ui.signIn(admin.email(), TestUsers.PASSWORD).status())
                        .isEqualTo(200);
                String issuedBefore = issue(api, realm);
                assertThat(verify(api, realm, issue(api, realm))).isEqualTo(200);
                Waiting.until(
                        "the standby to replay the codes",
                        DEADLINE,
                        () -> replayedUpToPrimary(primaryPort, standbyPort));

                primary.close();
                pool.getHikariConfigMXBean().setConnectionTimeout(FAILOVER_WAIT.toMillis());
                ApiClient.Response withoutPrimary =
                        api.post("/api/verify", realm.deviceKey(), Map.of("code", issuedBefore));
                assertThat(withoutPrimary.status())
                        .as("without a primary: %s", withoutPrimary.body())
                        .isEqualTo(503);
                assertThat(withoutPrimary.header("Retry-After")).isEqualTo("2");
                assertThat(withoutPrimary.json().path("errorCode").asString()).isEqualTo("internal_server_error");
                UiClient.Page pageWithoutPrimary = ui.get("/admin/realms");
                assertThat(pageWithoutPrimary.status())
                        .as("a page without a primary")
                        .isEqualTo(503);
                assertThat(pageWithoutPrimary.header("Retry-After")).isEqualTo("2");
                assertThat(pageWithoutPrimary.text("h1")).isEqualTo("Temporarily unavailable");
                assertThat(pageWithoutPrimary.text("#retry-after")).isEqualTo("You can go on in 2 seconds.");

                try (Connection promote = connect(standbyPort, "postgres")) {
                    promote.createStatement().execute("SELECT pg_promote()");
                }

                Waiting.until("the pool to reach the new primary", DEADLINE, () -> {
                    try {
                        return serverPort(pool) == standbyPort;
                    } catch (SQLException brokenConnectionEvicted) {
                        return false;
                    }
                });
                assertThat(verify(api, realm, issuedBefore))
                        .as("a code issued on the old primary, not used up by the refused attempt")
                        .isEqualTo(200);
                assertThat(verify(api, realm, issue(api, realm)))
                        .as("a code issued on the new primary")
                        .isEqualTo(200);
                assertThat(api.get("/health?service=database").status()).isEqualTo(200);
                assertThat(ui.get("/admin/realms").status()).isEqualTo(200);
            }
        } finally {
            standby.close();
            primary.close();
        }
    }

    private static EmbeddedPostgres server(Path data, int port) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setServerConfig("wal_keep_size", "256MB");
        if (port != 0) {
            builder.setPort(port);
        }
        return builder.start();
    }

    /** A cold base backup: the stopped primary's files, without its lock files. */
    private static void copy(Path from, Path to) throws IOException {
        Set<String> locks = Set.of("postmaster.pid", "epg-lock");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (!locks.contains(file.getFileName().toString())) {
                    Files.copy(file, target);
                }
            }
        }
        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwx------"));
    }

    private static Connection connect(int port, String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, "postgres", "");
    }

    private static boolean readOnly(int port) throws SQLException {
        try (Connection connection = connect(port, "postgres");
                ResultSet rs = connection.createStatement().executeQuery("SELECT pg_is_in_recovery()")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static boolean replayedUpToPrimary(int primaryPort, int standbyPort) {
        try (Connection onPrimary = connect(primaryPort, "postgres");
                Connection onStandby = connect(standbyPort, "postgres");
                ResultSet written = onPrimary.createStatement().executeQuery("SELECT pg_current_wal_lsn()::text");
                ResultSet replayed = onStandby
                        .createStatement()
                        .executeQuery("SELECT pg_last_wal_replay_lsn() >= '%s'::pg_lsn"
                                .formatted(written.next() ? written.getString(1) : "0/0"))) {
            return replayed.next() && replayed.getBoolean(1);
        } catch (SQLException e) {
            return false;
        }
    }

    private static int serverPort(HikariDataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection();
                ResultSet rs = connection.createStatement().executeQuery("SELECT inet_server_port()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String issue(ApiClient api, TestRealm realm) {
        ApiClient.Response issued = api.post("/api/issue", realm.adminKey(), Map.of("testType", "confirmed"));
        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
        return issued.json().path("code").asString();
    }

    private static int verify(ApiClient api, TestRealm realm, String code) {
        return api.post("/api/verify", realm.deviceKey(), Map.of("code", code)).status();
    }
}
