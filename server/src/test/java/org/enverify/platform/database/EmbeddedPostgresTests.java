package org.enverify.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded PostgreSQL's start, its lock file, its binaries and its durability, on real servers. */
@Tag("security")
class EmbeddedPostgresTests {

    private static final DatabaseSettings DEFAULTS = new DatabaseSettings("", "", "", 20, true, "");

    @TempDir
    static Path sharedBinaries;

    @TempDir
    Path dataDir;

    @Test
    void byDefaultEveryCommitIsOnDiskBeforeItIsConfirmed() throws Exception {
        try (EmbeddedPostgres server = EmbeddedPostgres.open(dataDir, sharedBinaries, DEFAULTS.embeddedDurable())) {
            assertThat(setting(server.jdbcUrl(), "fsync")).isEqualTo("on");
            assertThat(setting(server.jdbcUrl(), "synchronous_commit")).isEqualTo("on");
        }
    }

    @Test
    void theBinariesItExecutesAreInTheDataDirectoryAndWritableByTheOwnerOnly() throws Exception {
        Path binaries = DEFAULTS.binariesIn(dataDir);
        try (EmbeddedPostgres server = EmbeddedPostgres.open(dataDir, binaries, true)) {
            Path postgres = Path.of(postmaster(dataDir).info().command().orElseThrow());
            assertThat(postgres.toRealPath()).startsWith(dataDir.toRealPath());
            assertThat(Files.getPosixFilePermissions(binaries)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            try (Stream<Path> unpacked = Files.walk(binaries)) {
                assertThat(unpacked.filter(path -> !Files.isSymbolicLink(path)))
                        .allSatisfy(path -> assertThat(Files.getPosixFilePermissions(path))
                                .as(path.toString())
                                .doesNotContain(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE));
            }
        }
    }

    @Test
    void theOwnerStopsTheServerItAdoptedFromAnOwnerThatDied() throws Exception {
        // what a kill -9 of the owning JVM leaves: a running server on the data directory, and no lock holder
        var orphan = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                .setDataDirectory(dataDir.resolve("pgdata"))
                .setOverrideWorkingDirectory(sharedBinaries.toFile())
                .setRegisterShutdownHook(false)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .start();
        ProcessHandle postmaster = postmaster(dataDir);
        try {
            try (EmbeddedPostgres adopted = EmbeddedPostgres.open(dataDir, sharedBinaries, true)) {
                assertThat(adopted.jdbcUrl()).isEqualTo(EmbeddedPostgres.jdbcUrl(orphan.getPort()));
            }

            assertThat(dataDir.resolve("pgdata/postmaster.pid"))
                    .as("the adopted server stopped with its owner, so the data directory can be copied")
                    .doesNotExist();
            assertThat(accepts(EmbeddedPostgres.jdbcUrl(orphan.getPort()))).isFalse();
        } finally {
            postmaster.destroyForcibly();
            closeQuietly(orphan);
        }
    }

    @Test
    void aLockFileNamingAProcessThatIsNotThisDirectorysPostgresIsStale() throws Exception {
        Path other = dataDir.resolve("other");
        Path mine = dataDir.resolve("mine");
        EmbeddedPostgres.open(mine, sharedBinaries, true).close();
        try (EmbeddedPostgres otherServer = EmbeddedPostgres.open(other, sharedBinaries, true)) {
            int otherPort = Integer.parseInt(
                    Files.readString(other.resolve("embedded-postgres.port")).strip());
            // pids start over when a container restarts: the pid in the file now is some other program
            Files.write(
                    mine.resolve("pgdata/postmaster.pid"),
                    List.of(
                            Long.toString(ProcessHandle.current().pid()),
                            mine.resolve("pgdata").toString(),
                            "1764950000",
                            Integer.toString(otherPort),
                            "/tmp",
                            "localhost",
                            "  1234567     98304",
                            "ready   "),
                    StandardCharsets.US_ASCII);

            try (EmbeddedPostgres server = EmbeddedPostgres.open(mine, sharedBinaries, true)) {
                assertThat(server.jdbcUrl()).isNotEqualTo(otherServer.jdbcUrl());
                assertThat(Path.of(setting(server.jdbcUrl(), "data_directory")).toRealPath())
                        .isEqualTo(mine.resolve("pgdata").toRealPath());
            }
        }
    }

    private static ProcessHandle postmaster(Path dataDir) throws IOException {
        String pid =
                Files.readAllLines(dataDir.resolve("pgdata/postmaster.pid")).getFirst();
        return ProcessHandle.of(Long.parseLong(pid.strip())).orElseThrow();
    }

    private static boolean accepts(String jdbcUrl) {
        try (var connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static String setting(String jdbcUrl, String name) throws SQLException {
        try (var connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                var query = connection.prepareStatement("SELECT current_setting(?)")) {
            query.setString(1, name);
            try (var result = query.executeQuery()) {
                result.next();
                return result.getString(1);
            }
        }
    }

    private static void closeQuietly(io.zonky.test.db.postgres.embedded.EmbeddedPostgres orphan) {
        try {
            orphan.close();
        } catch (IOException | RuntimeException e) {
            // already stopped by the owner that adopted it
        }
    }
}
