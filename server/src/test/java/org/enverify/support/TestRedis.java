package org.enverify.support;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import redis.embedded.RedisServer;

/**
 * A Redis for tests: the redis-server that {@code embedded-redis} ships, on a free port, so the
 * tests need nothing installed. Where that binary cannot run, the machine's Redis on 6379 stands in
 * (tests keep to keys of their own there and never empty it) and tests that stop Redis are skipped;
 * without either the tests are skipped.
 */
public final class TestRedis implements AutoCloseable {

    private static final String MACHINE_REDIS = "redis://127.0.0.1:6379";

    private final RedisServer embedded;
    private final String url;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    private TestRedis(RedisServer embedded, String url) {
        this.embedded = embedded;
        this.url = url;
        this.client = RedisClient.create(url);
        this.connection = client.connect();
        connection.setTimeout(Duration.ofSeconds(5));
    }

    public static TestRedis start() {
        int port = LocalPorts.free();
        RedisServer server = null;
        try {
            server = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .build();
            server.start();
            return new TestRedis(server, "redis://127.0.0.1:" + port);
        } catch (IOException | RuntimeException embeddedFailed) {
            stopQuietly(server);
            return machineRedis(embeddedFailed);
        }
    }

    private static TestRedis machineRedis(Exception embeddedFailed) {
        try {
            TestRedis machine = new TestRedis(null, MACHINE_REDIS);
            machine.commands().ping();
            return machine;
        } catch (RuntimeException unreachable) {
            Assumptions.abort("embedded-redis could not start (" + embeddedFailed
                    + ") and no Redis answers on 127.0.0.1:6379; skipping the tests that need Redis");
            throw unreachable;
        }
    }

    /** {@code redis://127.0.0.1:<port>}, for {@code ENVERIFY_REDIS_URL}. */
    public String url() {
        return url;
    }

    /** Commands on the test's own connection, to look at what the application stored. */
    public RedisCommands<String, String> commands() {
        return connection.sync();
    }

    public List<String> keys(String pattern) {
        return commands().keys(pattern);
    }

    /** Stops the server, as an outage would; only the embedded one can be stopped. */
    public void stop() {
        Assumptions.assumeTrue(embedded != null, "the machine's Redis is shared and is never stopped by a test");
        try {
            embedded.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the stopped server again on the same port, empty. */
    public void restart() {
        try {
            embedded.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
        stopQuietly(embedded);
    }

    private static void stopQuietly(RedisServer server) {
        if (server != null && server.isActive()) {
            try {
                server.stop();
            } catch (IOException ignored) {
                // the process is gone either way once the JVM exits
            }
        }
    }
}
