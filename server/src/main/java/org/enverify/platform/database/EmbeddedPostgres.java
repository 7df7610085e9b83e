package org.enverify.platform.database;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;

/**
 * The embedded PostgreSQL of one data directory. The first Enverify process on the directory takes a
 * file lock and owns the server; later processes (another role, the CLI) find its port in a file
 * beside the lock and connect to it instead of starting a second server. The owner stops the server
 * when it stops, also one it adopted from an owner that died.
 */
final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final Duration WAIT_FOR_OWNER = Duration.ofSeconds(60);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private final int port;
    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private final Adopted adopted;
    private final FileLock lock;
    private final Runnable stopAtExit;
    private boolean closed;

    private EmbeddedPostgres(
            int port, io.zonky.test.db.postgres.embedded.EmbeddedPostgres server, Adopted adopted, FileLock lock) {
        this.port = port;
        this.server = server;
        this.adopted = adopted;
        this.lock = lock;
        this.stopAtExit = this::closeQuietly;
        if (server != null || adopted != null) {
            // A JVM can exit without closing the context (spring.context.exit=onRefresh, the AOT training
            // run, does): the server it owns must not outlive it. Spring's shutdown handlers run after its
            // shutdown hook has closed the contexts, so requests that a graceful shutdown lets finish still
            // have their database; a JVM shutdown hook of its own would stop it in parallel, at once.
            SpringApplication.getShutdownHandlers().add(stopAtExit);
        }
    }

    /** A server left running by an owner that died, taken over by this process. */
    private record Adopted(ProcessHandle postmaster, Path pgData, int port) {}

    /**
     * @param binaries where the server's binaries are unpacked, writable by this user only
     * @param durable whether commits are flushed to disk before they are confirmed (fsync and synchronous
     *     commit); without, a crash of the machine or of PostgreSQL loses confirmed transactions
     */
    static EmbeddedPostgres open(Path dataDir, Path binaries, boolean durable) {
        try {
            Files.createDirectories(dataDir);
            Path portFile = dataDir.resolve("embedded-postgres.port");
            FileChannel channel = FileChannel.open(
                    dataDir.resolve("embedded-postgres.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                return new EmbeddedPostgres(waitForOwner(portFile), null, null, null);
            }
            return start(dataDir, portFile, lock, binaries, durable);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the embedded database in " + dataDir.toAbsolutePath(), e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // another context in this JVM owns it
        }
    }

    private static EmbeddedPostgres start(Path dataDir, Path portFile, FileLock lock, Path binaries, boolean durable)
            throws IOException {
        Files.deleteIfExists(portFile);
        Path pgData = dataDir.resolve("pgdata");
        Optional<Adopted> orphan = runningOrphan(pgData);
        if (orphan.isPresent()) {
            int port = orphan.get().port();
            if (!durable || isDurable(port)) {
                log.warn("Adopting the embedded PostgreSQL left running on port {} by a process that died", port);
                Files.writeString(portFile, Integer.toString(port), StandardCharsets.US_ASCII);
                return new EmbeddedPostgres(port, null, orphan.get(), lock);
            }
            log.warn("Restarting the embedded PostgreSQL left running without fsync by a process that died");
            stop(orphan.get());
        }
        var server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                // the library's own JVM shutdown hook would stop the server while requests still finish
                .setRegisterShutdownHook(false)
                .setOverrideWorkingDirectory(ownerOnly(binaries).toFile())
                .setPgBinaryResolver(new BinariesIn(binaries))
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "200")
                .setServerConfig("fsync", durable ? "on" : "off")
                .setServerConfig("synchronous_commit", durable ? "on" : "off")
                .start();
        // the library opens its working directory to every user's writes; nobody else may change what we execute
        ownerOnly(binaries);
        Files.writeString(portFile, Integer.toString(server.getPort()), StandardCharsets.US_ASCII);
        log.info("Embedded PostgreSQL started on port {} with data in {}", server.getPort(), pgData.toAbsolutePath());
        return new EmbeddedPostgres(server.getPort(), server, null, lock);
    }

    /**
     * The library's binaries, as a resolver per directory: the library unpacks once per resolver and
     * JVM, so with its single default resolver a second directory would run the first one's binaries.
     */
    private record BinariesIn(Path directory) implements PgBinaryResolver {

        @Override
        public InputStream getPgBinary(String system, String machineHardware) throws IOException {
            return DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware);
        }
    }

    private static Path ownerOnly(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.setPosixFilePermissions(directory, OWNER_ONLY);
        return directory;
    }

    /**
     * The server that {@code postmaster.pid} names, when that process is alive, is a
     * PostgreSQL and serves this data directory. A lock file of a process that is gone, or whose pid
     * now belongs to another program (pids start over when a container restarts), is stale and removed.
     */
    private static Optional<Adopted> runningOrphan(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        Optional<ProcessHandle> postmaster = postmasterOf(pgData);
        if (postmaster.isEmpty()) {
            log.info("Removing the stale lock file {} of a PostgreSQL that is no longer running", pidFile);
            Files.deleteIfExists(pidFile);
            return Optional.empty();
        }
        long deadline = System.nanoTime() + WAIT_FOR_OWNER.toNanos();
        while (isPostgres(postmaster.get())) {
            Optional<Integer> port = portOf(pidFile);
            if (port.isPresent() && serves(port.get(), pgData)) {
                return Optional.of(new Adopted(postmaster.get(), pgData, port.get()));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "PostgreSQL process " + postmaster.get().pid() + " holds " + pidFile
                                + " but does not answer as the server of this data directory; stop it and start again");
            }
            sleepBriefly();
        }
        return Optional.empty(); // it stopped while we waited; PostgreSQL handles what its lock file still says
    }

    /** The live PostgreSQL process {@code postmaster.pid} names, if there is one. */
    private static Optional<ProcessHandle> postmasterOf(Path pgData) throws IOException {
        List<String> lines = readLines(pgData.resolve("postmaster.pid"));
        if (lines.isEmpty() || !lines.getFirst().strip().matches("[0-9]{1,18}")) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.getFirst().strip())).filter(EmbeddedPostgres::isPostgres);
    }

    /**
     * A zombie (a killed server no one reaped) or another user's process shows no command: neither is
     * this data directory's server, which runs as our user on a directory only our user may enter.
     */
    private static boolean isPostgres(ProcessHandle process) {
        return process.isAlive()
                && process.info()
                        .command()
                        .map(command ->
                                Path.of(command).getFileName().toString().equals("postgres"))
                        .orElse(false);
    }

    private static Optional<Integer> portOf(Path pidFile) throws IOException {
        List<String> lines = readLines(pidFile);
        return lines.size() > 3 && lines.get(3).strip().matches("[0-9]{1,5}")
                ? Optional.of(Integer.parseInt(lines.get(3).strip()))
                : Optional.empty();
    }

    private static List<String> readLines(Path file) throws IOException {
        try {
            return Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    /** Whether the server on {@code port} answers and runs on {@code pgData}, not on another data directory. */
    private static boolean serves(int port, Path pgData) {
        try (var connection = DriverManager.getConnection(jdbcUrl(port), "postgres", "postgres");
                var query = connection.createStatement();
                var result = query.executeQuery("SHOW data_directory")) {
            return result.next() && Path.of(result.getString(1)).toRealPath().equals(pgData.toRealPath());
        } catch (SQLException | IOException e) {
            return false;
        }
    }

    private static boolean isDurable(int port) {
        try (var connection = DriverManager.getConnection(jdbcUrl(port), "postgres", "postgres");
                var query = connection.createStatement();
                var result = query.executeQuery(
                        "SELECT current_setting('fsync') = 'on' AND current_setting('synchronous_commit') <> 'off'")) {
            return result.next() && result.getBoolean(1);
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Stops an adopted server as the library stops its own, with a fast shutdown. A SIGTERM alone is a
     * smart shutdown: no new sessions, but it waits for the open ones, which other processes on the data
     * directory may hold; so they are ended over a session opened before the signal.
     */
    private static void stop(Adopted adopted) throws IOException {
        try (var connection = DriverManager.getConnection(jdbcUrl(adopted.port()), "postgres", "postgres");
                var query = connection.createStatement()) {
            adopted.postmaster().destroy();
            query.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()");
        } catch (SQLException e) {
            adopted.postmaster().destroy();
        }
        // PostgreSQL removes its lock file last; the process itself may linger as a zombie no one reaps
        long deadline = System.nanoTime() + WAIT_FOR_OWNER.toNanos();
        while (Files.exists(adopted.pgData().resolve("postmaster.pid"))) {
            if (System.nanoTime() > deadline) {
                throw new IOException("The embedded PostgreSQL did not stop within " + WAIT_FOR_OWNER);
            }
            sleepBriefly();
        }
    }

    private static int waitForOwner(Path portFile) throws IOException {
        long deadline = System.nanoTime() + WAIT_FOR_OWNER.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(portFile)) {
                int port = Integer.parseInt(
                        Files.readString(portFile, StandardCharsets.US_ASCII).trim());
                if (accepts(port)) {
                    return port;
                }
            }
            sleepBriefly();
        }
        throw new IllegalStateException("Another Enverify process holds the embedded database in "
                + portFile.getParent().toAbsolutePath() + " but it did not become reachable within " + WAIT_FOR_OWNER);
    }

    private static boolean accepts(int port) {
        try (var connection = DriverManager.getConnection(jdbcUrl(port), "postgres", "postgres")) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the embedded database", e);
        }
    }

    static String jdbcUrl(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    String jdbcUrl() {
        return jdbcUrl(port);
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException e) {
            log.warn("Could not stop the embedded PostgreSQL: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (server != null || adopted != null) {
            try {
                SpringApplication.getShutdownHandlers().remove(stopAtExit);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the handlers are fixed, and this one will find the server closed
            }
        }
        if (server != null) {
            server.close();
        }
        if (adopted != null) {
            log.info("Stopping the adopted embedded PostgreSQL");
            stop(adopted);
        }
        if (lock != null) {
            lock.release();
            lock.channel().close();
        }
    }
}
