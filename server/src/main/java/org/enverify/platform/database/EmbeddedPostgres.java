package org.enverify.platform.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL of one data directory. The first Enverify process on the directory takes a
 * file lock and owns the server; later processes (another role, the CLI) find its port in a file
 * beside the lock and connect to it instead of starting a second server.
 */
final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final Duration WAIT_FOR_OWNER = Duration.ofSeconds(60);

    private final int port;
    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private final FileLock lock;
    private final Thread stopAtExit;
    private boolean closed;

    private EmbeddedPostgres(int port, io.zonky.test.db.postgres.embedded.EmbeddedPostgres server, FileLock lock) {
        this.port = port;
        this.server = server;
        this.lock = lock;
        this.stopAtExit = new Thread(this::closeQuietly, "embedded-postgres-stop");
        if (server != null) {
            // A JVM can exit without closing the context (spring.context.exit=onRefresh, the AOT training
            // run, does): the server it started must not outlive it.
            Runtime.getRuntime().addShutdownHook(stopAtExit);
        }
    }

    static EmbeddedPostgres open(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Path portFile = dataDir.resolve("embedded-postgres.port");
            FileChannel channel = FileChannel.open(
                    dataDir.resolve("embedded-postgres.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                return new EmbeddedPostgres(waitForOwner(portFile), null, null);
            }
            return start(dataDir, portFile, lock);
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

    private static EmbeddedPostgres start(Path dataDir, Path portFile, FileLock lock) throws IOException {
        Files.deleteIfExists(portFile);
        Path pgData = dataDir.resolve("pgdata");
        Optional<Integer> orphan = runningOrphanPort(pgData);
        if (orphan.isPresent()) {
            log.warn("Adopting the embedded PostgreSQL left running on port {} by a process that died", orphan.get());
            Files.writeString(portFile, orphan.get().toString(), StandardCharsets.US_ASCII);
            return new EmbeddedPostgres(orphan.get(), null, lock);
        }
        var server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "200")
                .start();
        Files.writeString(portFile, Integer.toString(server.getPort()), StandardCharsets.US_ASCII);
        log.info("Embedded PostgreSQL started on port {} with data in {}", server.getPort(), pgData.toAbsolutePath());
        return new EmbeddedPostgres(server.getPort(), server, lock);
    }

    private static Optional<Integer> runningOrphanPort(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
        if (lines.size() < 4) {
            return Optional.empty();
        }
        long pid = Long.parseLong(lines.get(0).trim());
        int port = Integer.parseInt(lines.get(3).trim());
        boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        return alive && accepts(port) ? Optional.of(port) : Optional.empty();
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
        if (server != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopAtExit);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: this is the hook
            }
            server.close();
        }
        if (lock != null) {
            lock.release();
            lock.channel().close();
        }
    }
}
