package org.enverify.platform.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The Redis every replica shares, when {@code ENVERIFY_REDIS_URL} names one. A process starts and
 * serves without it: the first connection is retried in the background every second, a lost one is
 * re-established by Lettuce, and commands fail within {@link #COMMAND_TIMEOUT} (at once while
 * disconnected) so callers can fall back to what they hold locally.
 *
 * <p>A {@code redis-sentinel://} URL names Sentinels instead of a server: Lettuce asks them for the
 * current master on every (re)connection, so after a failover, when the old master is gone or the
 * Sentinels have closed its clients, both connections land on the promoted replica and the
 * subscriptions are renewed there.
 */
@Component
public class Redis implements DisposableBean {

    /** How long any command may take before its caller gives up on Redis. */
    public static final Duration COMMAND_TIMEOUT = Duration.ofMillis(200);

    private static final Duration RETRY = Duration.ofSeconds(1);
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    private static final Logger log = LoggerFactory.getLogger(Redis.class);

    private final ClientResources resources;
    private final RedisClient client;
    private final String address;
    private final Map<String, Consumer<String>> listeners = new ConcurrentHashMap<>();
    private volatile StatefulRedisConnection<String, byte[]> commands;
    private volatile StatefulRedisPubSubConnection<String, String> pubSub;
    private volatile boolean closed;
    private volatile RuntimeException lastFailure;

    Redis(RedisSettings settings) {
        if (settings.redisUrl().isBlank()) {
            resources = null;
            client = null;
            address = null;
            return;
        }
        RedisURI uri = parse(settings.redisUrl().trim());
        uri.setTimeout(COMMAND_TIMEOUT);
        uri.getSentinels().forEach(sentinel -> sentinel.setTimeout(COMMAND_TIMEOUT));
        address = describe(uri);
        resources =
                ClientResources.builder().reconnectDelay(Delay.constant(RETRY)).build();
        client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(RETRY).build())
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .build());
        if (!connect()) {
            log.warn(
                    "Redis at {} does not answer ({}); retrying every second, and working without it meanwhile",
                    address,
                    lastFailure.toString());
            Thread.ofVirtual().name("redis-connect").start(this::connectUntilDone);
        }
    }

    /** Whether {@code ENVERIFY_REDIS_URL} names a Redis, whether or not it answers now. */
    public boolean configured() {
        return client != null;
    }

    /** The shared connection for commands, or empty while Redis has not answered yet. */
    public Optional<StatefulRedisConnection<String, byte[]>> commands() {
        return Optional.ofNullable(commands);
    }

    /**
     * Delivers each message of the channel to the listener, from the moment Redis answers, across
     * reconnections. Messages sent while this process is disconnected are lost.
     */
    public synchronized void subscribe(String channel, Consumer<String> listener) {
        if (client == null) {
            return;
        }
        listeners.put(channel, listener);
        StatefulRedisPubSubConnection<String, String> connection = pubSub;
        if (connection != null) {
            try {
                connection.sync().subscribe(channel);
            } catch (RuntimeException e) {
                log.warn("Could not subscribe to Redis channel {}: {}", channel, e.toString());
            }
        }
    }

    /** Sends a message to every subscriber of the channel; false when Redis did not take it. */
    public boolean publish(String channel, String message) {
        StatefulRedisConnection<String, byte[]> connection = commands;
        if (connection == null) {
            return false;
        }
        try {
            connection.sync().publish(channel, message.getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private synchronized boolean connect() {
        if (closed) {
            return true;
        }
        try {
            if (commands == null) {
                commands = client.connect(CODEC);
            }
            if (pubSub == null) {
                StatefulRedisPubSubConnection<String, String> connection = client.connectPubSub(StringCodec.UTF8);
                connection.addListener(new RedisPubSubAdapter<>() {
                    @Override
                    public void message(String channel, String message) {
                        Consumer<String> listener = listeners.get(channel);
                        if (listener != null) {
                            listener.accept(message);
                        }
                    }
                });
                try {
                    if (!listeners.isEmpty()) {
                        connection.sync().subscribe(listeners.keySet().toArray(String[]::new));
                    }
                } catch (RuntimeException e) {
                    connection.close();
                    throw e;
                }
                pubSub = connection;
            }
            log.info("Connected to Redis at {}", address);
            return true;
        } catch (RuntimeException e) {
            lastFailure = e;
            return false;
        }
    }

    private void connectUntilDone() {
        while (!connect()) {
            try {
                Thread.sleep(RETRY);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static RedisURI parse(String url) {
        try {
            return RedisURI.create(url);
        } catch (IllegalArgumentException e) {
            // the message would repeat the URL, and with it any password
            throw new IllegalArgumentException(
                    "ENVERIFY_REDIS_URL must look like redis://host:6379,"
                            + " rediss://user:password@host:6379/0 or redis-sentinel://password@host1:26379,host2:26379#mymaster");
        }
    }

    /** Where the URL points, without its password. */
    private static String describe(RedisURI uri) {
        if (uri.getSentinels().isEmpty()) {
            return uri.getHost() + ":" + uri.getPort();
        }
        return "master " + uri.getSentinelMasterId() + " of the Sentinels "
                + uri.getSentinels().stream()
                        .map(sentinel -> sentinel.getHost() + ":" + sentinel.getPort())
                        .collect(Collectors.joining(","));
    }

    @Override
    public synchronized void destroy() {
        closed = true;
        if (client == null) {
            return;
        }
        if (pubSub != null) {
            pubSub.close();
        }
        if (commands != null) {
            commands.close();
        }
        client.shutdown();
        resources.shutdown();
    }
}
