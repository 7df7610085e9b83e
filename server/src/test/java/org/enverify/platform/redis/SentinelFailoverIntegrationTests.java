package org.enverify.platform.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import io.lettuce.core.sentinel.api.sync.RedisSentinelCommands;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.enverify.EnverifyApplication;
import org.enverify.apikey.ApiKeySummary;
import org.enverify.apikey.ApiKeyType;
import org.enverify.apikey.ApiKeys;
import org.enverify.platform.Actor;
import org.enverify.realm.Realms;
import org.enverify.support.ApiClient;
import org.enverify.support.ApiClient.Response;
import org.enverify.support.LocalPorts;
import org.enverify.support.TestRealm;
import org.enverify.support.Waiting;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import redis.embedded.RedisInstance;
import redis.embedded.RedisSentinel;
import redis.embedded.RedisServer;

/**
 * Two replicas of the application reach Redis through a Sentinel ({@code redis-sentinel://} in
 * {@code ENVERIFY_REDIS_URL}): a master, its replica and one Sentinel, all the redis-server that
 * {@code embedded-redis} ships. When the master dies, the Sentinel promotes the replica; meanwhile
 * every request is answered by local buckets, and afterwards both application replicas share
 * buckets and hear each other's invalidations on the new master. Loopback is a trusted proxy here,
 * so each request names a client address of its own in {@code X-Forwarded-For}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SentinelFailoverIntegrationTests {

    private static final String MASTER_NAME = "mymaster";
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    final List<RedisInstance> processes = new ArrayList<>();
    final List<RedisClient> clients = new ArrayList<>();
    RedisInstance master;
    int replicaPort;
    RedisSentinelCommands<String, String> sentinel;
    ConfigurableApplicationContext a;
    ConfigurableApplicationContext b;

    @BeforeAll
    void start() throws IOException {
        int masterPort = LocalPorts.free();
        replicaPort = LocalPorts.free();
        int sentinelPort = LocalPorts.free();
        try {
            master = started(RedisServer.newRedisServer()
                    .port(masterPort)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .build());
            started(RedisServer.newRedisServer()
                    .port(replicaPort)
                    .bind("127.0.0.1")
                    .slaveOf("127.0.0.1", masterPort)
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .build());
            started(RedisSentinel.newRedisSentinel()
                    .bind("127.0.0.1")
                    .port(sentinelPort)
                    .masterName(MASTER_NAME)
                    .masterPort(masterPort)
                    .quorumSize(1)
                    .downAfterMilliseconds(1000)
                    .failOverTimeout(3000)
                    .build());
        } catch (IOException | RuntimeException cannotRun) {
            stop();
            Assumptions.abort("embedded-redis could not start a master, a replica and a Sentinel (" + cannotRun + ")");
        }
        RedisClient sentinelClient = client(RedisURI.create("redis://127.0.0.1:" + sentinelPort));
        StatefulRedisSentinelConnection<String, String> connection = sentinelClient.connectSentinel();
        connection.setTimeout(Duration.ofSeconds(5));
        sentinel = connection.sync();
        Waiting.until(
                "the Sentinel to know the replica",
                DEADLINE,
                () -> sentinel.replicas(MASTER_NAME).stream()
                        .anyMatch(replica -> replica.get("port").equals(Integer.toString(replicaPort))
                                && replica.get("flags").equals("slave")
                                && "ok".equals(replica.get("master-link-status"))));

        String url = "redis-sentinel://127.0.0.1:" + sentinelPort + "#" + MASTER_NAME;
        String dataDir = "target/test-var/" + UUID.randomUUID();
        a = replica(dataDir, url);
        b = replica(dataDir, url);
    }

    private RedisInstance started(RedisInstance process) throws IOException {
        processes.add(process);
        process.start();
        return process;
    }

    private RedisClient client(RedisURI uri) {
        RedisClient client = RedisClient.create(uri);
        clients.add(client);
        return client;
    }

    private static ConfigurableApplicationContext replica(String dataDir, String redisUrl) {
        return new SpringApplicationBuilder(EnverifyApplication.class)
                .run(
                        "--server.port=0",
                        "--management.server.port=0",
                        "--enverify.data-dir=" + dataDir,
                        "--enverify.redis-url=" + redisUrl,
                        "--enverify.cache-ttl=10m",
                        "--enverify.trusted-proxies=127.0.0.1,::1",
                        "--enverify.rate-limit.device-api=3/1h",
                        "--enverify.rate-limit.jwks=3/1h");
    }

    @AfterAll
    void stop() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {b, a}) {
            if (context != null) {
                context.close();
            }
        }
        clients.forEach(RedisClient::shutdown);
        for (RedisInstance process : processes.reversed()) {
            if (process.isActive()) {
                try {
                    process.stop();
                } catch (IOException ignored) {
                    // the process dies with the JVM at the latest
                }
            }
        }
    }

    @Test
    @Order(1)
    void afterTheSentinelPromotesTheReplicaBothReplicasShareBucketsAndInvalidationsAgain() throws IOException {
        TestRealm realm = TestRealm.create(a.getBean(Realms.class), a.getBean(ApiKeys.class));
        String before = newClient();
        assertRemaining(jwks(a, before), "2");
        assertRemaining(jwks(b, before), "1");

        master.stop();
        List<Integer> statusesDuringFailover = new ArrayList<>();
        Waiting.until("the Sentinel to promote the replica", DEADLINE, () -> {
            statusesDuringFailover.add(jwks(a, newClient()).status());
            statusesDuringFailover.add(verify(b, realm, newClient()).status());
            InetSocketAddress current = (InetSocketAddress) sentinel.getMasterAddrByName(MASTER_NAME);
            return current.getPort() == replicaPort;
        });
        assertThat(statusesDuringFailover)
                .as("every answer while the master was gone")
                .allMatch(status -> status < 500);

        RedisCommands<String, String> promoted = connectTo(replicaPort);
        Waiting.until("both replicas to keep their buckets on the new master", DEADLINE, () -> {
            String client = newClient();
            jwks(a, client);
            jwks(b, client);
            return promoted.keys(bucketsOf(client)).size() == 1
                    && jwks(a, client).header("X-RateLimit-Remaining").equals("0");
        });
        String after = newClient();
        assertRemaining(jwks(a, after), "2");
        assertRemaining(jwks(b, after), "1");
        assertRemaining(jwks(a, after), "0");
        assertThat(jwks(b, after).status()).isEqualTo(429);

        Waiting.until(
                "both replicas to listen for invalidations on the new master",
                DEADLINE,
                () -> promoted.pubsubNumsub("enverify:invalidate").getOrDefault("enverify:invalidate", 0L) >= 2);
        String client = newClient();
        assertThat(verify(b, realm, client).errorCode())
                .as("the key is now in b's cache for ten minutes")
                .isEqualTo("code_invalid");
        ApiKeys keys = a.getBean(ApiKeys.class);
        long deviceKey = keys.list(realm.id()).stream()
                .filter(key -> key.type() == ApiKeyType.DEVICE)
                .mapToLong(ApiKeySummary::id)
                .findFirst()
                .orElseThrow();
        keys.disable(realm.id(), deviceKey, Actor.system());
        Waiting.until(
                "b to refuse the key that a disabled",
                DEADLINE,
                () -> verify(b, realm, client).errorCode().equals("unauthorized"));
    }

    /**
     * A master that stays alive while the Sentinel hands its role to a replica (a switchover, or a
     * partition that heals): the Sentinel closes its clients when it demotes it, and both
     * application replicas reconnect to the new master instead of writing to a read-only replica.
     */
    @Test
    @Order(2)
    void whenTheSentinelDemotesALiveMasterBothReplicasFollowTheNewOne() throws IOException {
        int oldMasterPort = master.ports().getFirst();
        master.start();
        Waiting.until(
                "the Sentinel to make the returned server a replica",
                DEADLINE,
                () -> sentinel.replicas(MASTER_NAME).stream()
                        .anyMatch(replica -> replica.get("port").equals(Integer.toString(oldMasterPort))
                                && replica.get("flags").equals("slave")
                                && "ok".equals(replica.get("master-link-status"))));
        String before = newClient();
        assertRemaining(jwks(a, before), "2");
        assertRemaining(jwks(b, before), "1");

        sentinel.failover(MASTER_NAME);
        List<Integer> statusesDuringSwitchover = new ArrayList<>();
        Waiting.until("the Sentinel to switch the master over", DEADLINE, () -> {
            statusesDuringSwitchover.add(jwks(a, newClient()).status());
            statusesDuringSwitchover.add(jwks(b, newClient()).status());
            return ((InetSocketAddress) sentinel.getMasterAddrByName(MASTER_NAME)).getPort() == oldMasterPort;
        });
        assertThat(statusesDuringSwitchover).allMatch(status -> status < 500);

        RedisCommands<String, String> switchedTo = connectTo(oldMasterPort);
        Waiting.until("both replicas to keep their buckets on the new master", DEADLINE, () -> {
            String client = newClient();
            jwks(a, client);
            jwks(b, client);
            return switchedTo.keys(bucketsOf(client)).size() == 1
                    && jwks(a, client).header("X-RateLimit-Remaining").equals("0");
        });
        Waiting.until(
                "both replicas to listen for invalidations on the new master",
                DEADLINE,
                () -> switchedTo.pubsubNumsub("enverify:invalidate").getOrDefault("enverify:invalidate", 0L) >= 2);
    }

    private RedisCommands<String, String> connectTo(int port) {
        StatefulRedisConnection<String, String> connection =
                client(RedisURI.create("redis://127.0.0.1:" + port)).connect();
        connection.setTimeout(Duration.ofSeconds(5));
        return connection.sync();
    }

    private static ApiClient api(ConfigurableApplicationContext replica, String client) {
        int port = Integer.parseInt(replica.getEnvironment().getProperty("local.server.port"));
        return new ApiClient(port).withHeaders(Map.of("X-Forwarded-For", client));
    }

    private static Response jwks(ConfigurableApplicationContext replica, String client) {
        return api(replica, client).get("/jwks/system");
    }

    private static Response verify(ConfigurableApplicationContext replica, TestRealm realm, String client) {
        return api(replica, client).post("/api/verify", realm.deviceKey(), Map.of("code", "12345678"));
    }

    /** An address no other test, and no earlier run, has used: {@code 2001:db8:x:y::1}. */
    private static String newClient() {
        return "2001:db8:" + randomGroup() + ":" + randomGroup() + "::1";
    }

    private static String randomGroup() {
        return Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    }

    private static String bucketsOf(String client) {
        return "ratelimit:{ip:" + client.replace("::1", ":0:0:0:0/64}") + ":*";
    }

    private static void assertRemaining(Response response, String remaining) {
        assertThat(response.status()).as(response.body()).isNotIn(429, 500);
        assertThat(response.header("X-RateLimit-Remaining")).isEqualTo(remaining);
    }
}
