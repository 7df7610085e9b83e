package org.enverify.backup;

import com.zaxxer.hikari.HikariDataSource;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import javax.sql.DataSource;
import org.postgresql.Driver;
import org.postgresql.core.BaseConnection;
import org.postgresql.ds.common.BaseDataSource;
import org.postgresql.util.HostSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a gzip-compressed plain SQL dump of the database that {@code psql} restores into an empty
 * database. Uses {@code pg_dump} when one at least as new as the server is found, else the built-in
 * {@link SqlExport}: the embedded server's bundle has no {@code pg_dump}.
 */
final class DatabaseDump {

    private static final Logger log = LoggerFactory.getLogger(DatabaseDump.class);

    private final DataSource dataSource;
    private final BackupSettings settings;

    DatabaseDump(DataSource dataSource, BackupSettings settings) {
        this.dataSource = dataSource;
        this.settings = settings;
    }

    /** Where the database is: host, port, name and credentials, from the JDBC URL and the pool. */
    record Target(String host, String port, String database, String user, String password) {}

    /** @return how the dump was made, such as {@code pg_dump 17.6} or {@code built-in export} */
    String writeTo(Path gzipFile) throws IOException, SQLException, InterruptedException {
        Target target;
        int serverMajor;
        long backendPid;
        try (Connection connection = dataSource.getConnection()) {
            target = target(connection);
            serverMajor = connection.getMetaData().getDatabaseMajorVersion();
            try (var rs = connection.createStatement().executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                backendPid = rs.getLong(1);
            }
        }
        Optional<PgDump> pgDump = findPgDump(target, serverMajor, backendPid);
        if (pgDump.isPresent()) {
            pgDump.get().run(target, gzipFile);
            return "pg_dump " + pgDump.get().version();
        }
        try (Connection connection = dataSource.getConnection();
                OutputStream file = Files.newOutputStream(gzipFile);
                Writer out = new OutputStreamWriter(new GZIPOutputStream(file), StandardCharsets.UTF_8)) {
            new SqlExport(connection).writeTo(out);
        }
        return "built-in export";
    }

    private Target target(Connection connection) throws SQLException {
        Properties url = Driver.parseURL(connection.getMetaData().getURL(), null);
        if (url == null) {
            throw new IllegalStateException("The database URL is not a PostgreSQL JDBC URL");
        }
        String password = null;
        if (dataSource.isWrapperFor(HikariDataSource.class)) {
            password = dataSource.unwrap(HikariDataSource.class).getPassword();
        } else if (dataSource.isWrapperFor(BaseDataSource.class)) {
            password = dataSource.unwrap(BaseDataSource.class).getPassword();
        }
        // a multi-host URL lists standbys and hosts that are down too: dump the server this connection reached
        HostSpec server =
                connection.unwrap(BaseConnection.class).getQueryExecutor().getHostSpec();
        return new Target(
                server.getHost(),
                Integer.toString(server.getPort()),
                url.getProperty("PGDBNAME"),
                connection.getMetaData().getUserName(),
                password);
    }

    private Optional<PgDump> findPgDump(Target target, int serverMajor, long backendPid) {
        if (!settings.pgDump().isBlank()) {
            PgDump configured = PgDump.at(Path.of(settings.pgDump()), settings)
                    .orElseThrow(() -> new IllegalStateException(
                            "ENVERIFY_BACKUP_PG_DUMP " + settings.pgDump() + " does not run"));
            if (configured.major() < serverMajor) {
                throw new IllegalStateException("ENVERIFY_BACKUP_PG_DUMP is pg_dump " + configured.version()
                        + ", too old for PostgreSQL " + serverMajor);
            }
            return Optional.of(configured);
        }
        List<Path> candidates = new ArrayList<>();
        serverBinaries(target, backendPid).ifPresent(dir -> candidates.add(dir.resolve("pg_dump")));
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isBlank()) {
                    candidates.add(Path.of(dir, "pg_dump"));
                }
            }
        }
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate)) {
                Optional<PgDump> found = PgDump.at(candidate, settings);
                if (found.isPresent() && found.get().major() >= serverMajor) {
                    return found;
                }
                found.ifPresent(old -> log.debug(
                        "{} is pg_dump {}, too old for PostgreSQL {}", candidate, old.version(), serverMajor));
            }
        }
        log.info("No pg_dump for PostgreSQL {} found; using the built-in export", serverMajor);
        return Optional.empty();
    }

    /** The directory of the running server's {@code postgres} binary, when the server runs on this machine. */
    private static Optional<Path> serverBinaries(Target target, long backendPid) {
        try {
            if (!InetAddress.getByName(target.host()).isLoopbackAddress()) {
                return Optional.empty();
            }
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(backendPid)
                .flatMap(ProcessHandle::parent)
                .flatMap(postmaster -> postmaster.info().command())
                .map(Path::of)
                .filter(binary -> binary.getFileName().toString().equals("postgres"))
                .map(Path::getParent);
    }

    /** A {@code pg_dump} binary and the version it reports. */
    record PgDump(Path binary, String version, int major, BackupSettings settings) {

        static Optional<PgDump> at(Path binary, BackupSettings settings) {
            try {
                Process process = new ProcessBuilder(binary.toString(), "--version")
                        .redirectErrorStream(true)
                        .start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    process.destroyForcibly();
                    return Optional.empty();
                }
                // "pg_dump (PostgreSQL) 17.6 (Debian 17.6-1)"
                var version = Pattern.compile("\\) (\\d+)(\\.\\d+)?").matcher(output);
                if (!version.find()) {
                    return Optional.empty();
                }
                return Optional.of(new PgDump(
                        binary,
                        version.group(1) + (version.group(2) == null ? "" : version.group(2)),
                        Integer.parseInt(version.group(1)),
                        settings));
            } catch (IOException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }

        void run(Target target, Path gzipFile) throws IOException, InterruptedException {
            ProcessBuilder builder = new ProcessBuilder(
                    binary.toString(),
                    "--format=plain",
                    "--no-owner",
                    "--no-privileges",
                    "--host=" + target.host(),
                    "--port=" + target.port(),
                    "--username=" + target.user(),
                    "--dbname=" + target.database());
            builder.environment().put("PGCONNECT_TIMEOUT", "30");
            if (target.password() != null && !target.password().isEmpty()) {
                builder.environment().put("PGPASSWORD", target.password());
            }
            Process process = builder.start();
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            Thread errorReader = Thread.ofVirtual().start(() -> {
                try (InputStream err = process.getErrorStream()) {
                    err.transferTo(errors);
                } catch (IOException ignored) {
                    // the exit code tells
                }
            });
            AtomicBoolean timedOut = new AtomicBoolean();
            Thread watchdog = Thread.ofVirtual().start(() -> {
                try {
                    if (!process.waitFor(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                        timedOut.set(true);
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    process.destroyForcibly();
                }
            });
            try (InputStream dump = process.getInputStream();
                    OutputStream file = new GZIPOutputStream(Files.newOutputStream(gzipFile))) {
                dump.transferTo(file);
            } finally {
                process.waitFor();
                watchdog.interrupt();
                errorReader.join();
            }
            if (timedOut.get()) {
                throw new IOException("pg_dump did not finish within " + settings.timeout());
            }
            if (process.exitValue() != 0) {
                String message = errors.toString(StandardCharsets.UTF_8).strip();
                throw new IOException("pg_dump failed with exit code " + process.exitValue() + ": "
                        + (message.length() > 500 ? message.substring(0, 500) : message));
            }
        }
    }
}
