package org.enverify.platform.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
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
import org.enverify.support.TestRealm;
import org.enverify.support.TestRedis;
import org.enverify.support.Waiting;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two replicas of the whole application on one database and one Redis: they draw from the same
 * buckets, keep serving on local buckets while Redis is down (and a third starts meanwhile), and
 * drop each other's stale cache entries at once although their caches would keep them for ten
 * minutes. Loopback is a trusted proxy here, so each test names a client address of its own in
 * {@code X-Forwarded-For}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoReplicasIntegrationTests {

    private static final Duration MESSAGE_DEADLINE = Duration.ofSeconds(10);

    TestRedis redis;
    Replica a;
    Replica b;

    record Replica(ConfigurableApplicationContext context, ApiClient api) {

        <T> T bean(Class<T> type) {
            return context.getBean(type);
        }

        double redisFailures() {
            return bean(MeterRegistry.class)
                    .counter("enverify.ratelimit.redis.failures")
                    .count();
        }

        Response verify(String key, String client) {
            return api.withHeaders(Map.of("X-Forwarded-For", client))
                    .post("/api/verify", key, Map.of("code", "12345678"));
        }

        Response jwks(String client) {
            return api.withHeaders(Map.of("X-Forwarded-For", client)).get("/jwks/system");
        }
    }

    @BeforeAll
    void start() {
        redis = TestRedis.start();
        String dataDir = "target/test-var/" + UUID.randomUUID();
        a = replica(dataDir);
        b = replica(dataDir);
    }

    private Replica replica(String dataDir) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(EnverifyApplication.class)
                .run(
                        "--server.port=0",
                        "--management.server.port=0",
                        "--enverify.data-dir=" + dataDir,
                        "--enverify.redis-url=" + redis.url(),
                        "--enverify.cache-ttl=10m",
                        "--enverify.trusted-proxies=127.0.0.1,::1",
                        "--enverify.rate-limit.device-api=3/1h",
                        "--enverify.rate-limit.jwks=3/1h");
        int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        return new Replica(context, new ApiClient(port));
    }

    @AfterAll
    void stop() {
        for (Replica replica : new Replica[] {b, a}) {
            if (replica != null) {
                replica.context().close();
            }
        }
        if (redis != null) {
            redis.close();
        }
    }

    /** An address no other test, and no earlier run against the same Redis, has used: {@code 2001:db8:x:y::1}. */
    private static String newClient() {
        return "2001:db8:" + randomGroup() + ":" + randomGroup() + "::1";
    }

    private static String randomGroup() {
        return Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    }

    /** The keys of the client's buckets, which carry its /64 as hash tag. */
    private List<String> bucketsOf(String client) {
        return redis.keys("ratelimit:{ip:" + client.replace("::1", ":0:0:0:0/64}") + ":*");
    }

    private boolean keepsBucketsInRedis(Replica replica) {
        String client = newClient();
        replica.jwks(client);
        return !bucketsOf(client).isEmpty();
    }

    private TestRealm newRealm() {
        return TestRealm.create(a.bean(Realms.class), a.bean(ApiKeys.class));
    }

    private static void assertRemaining(Response response, String remaining) {
        assertThat(response.status()).as(response.body()).isNotIn(429, 500);
        assertThat(response.header("X-RateLimit-Remaining")).isEqualTo(remaining);
    }

    @Test
    @Order(1)
    void bothReplicasDrawFromOneBucket() {
        TestRealm realm = newRealm();
        String client = newClient();

        assertRemaining(a.verify(realm.deviceKey(), client), "2");
        assertRemaining(b.verify(realm.deviceKey(), client), "1");
        assertRemaining(a.verify(realm.deviceKey(), client), "0");
        assertThat(b.verify(realm.deviceKey(), client).status()).isEqualTo(429);
        assertThat(a.verify(realm.deviceKey(), client).status()).isEqualTo(429);

        assertThat(redis.keys("{realm:" + realm.id() + "}:ratelimit:device-api:*"))
                .as("the realm's bucket in Redis, with the realm as hash tag")
                .hasSize(1);
        String other = newClient();
        assertRemaining(b.jwks(other), "2");
        assertRemaining(a.jwks(other), "1");
        assertThat(bucketsOf(other))
                .as("an address's bucket, with the address as hash tag")
                .containsExactly("ratelimit:{ip:" + other.replace("::1", ":0:0:0:0/64") + "}:jwks");
    }

    @Test
    @Order(2)
    void aKeyDisabledOnOneReplicaIsRefusedByTheOtherAtOnce() {
        TestRealm realm = newRealm();
        String client = newClient();
        assertThat(b.verify(realm.deviceKey(), client).errorCode())
                .as("the key is now in b's cache for ten minutes")
                .isEqualTo("code_invalid");
        ApiKeys keys = a.bean(ApiKeys.class);
        long deviceKey = keys.list(realm.id()).stream()
                .filter(key -> key.type() == ApiKeyType.DEVICE)
                .mapToLong(ApiKeySummary::id)
                .findFirst()
                .orElseThrow();

        keys.disable(realm.id(), deviceKey, Actor.system());

        assertThat(a.verify(realm.deviceKey(), client).errorCode())
                .as("the replica that disabled it")
                .isEqualTo("unauthorized");
        Waiting.until(
                "b to refuse the disabled key",
                MESSAGE_DEADLINE,
                () -> b.verify(realm.deviceKey(), client).errorCode().equals("unauthorized"));

        keys.enable(realm.id(), deviceKey, Actor.system());

        Waiting.until(
                "b to take the key again",
                MESSAGE_DEADLINE,
                () -> b.verify(realm.deviceKey(), client).errorCode().equals("code_invalid"));
    }

    @Test
    @Order(3)
    void aRealmChangedOnOneReplicaAppliesOnTheOtherAtOnce() {
        TestRealm realm = newRealm();
        String client = newClient();
        assertThat(b.verify(realm.deviceKey(), client).errorCode()).isEqualTo("code_invalid");

        a.bean(Realms.class).update(realm.id(), Map.of("allowed_cidrs_device_api", "10.0.0.0/8"), Actor.system());

        Waiting.until(
                "b to refuse a client outside the realm's networks",
                MESSAGE_DEADLINE,
                () -> b.verify(realm.deviceKey(), client).errorCode().equals("unauthorized"));
    }

    @Test
    @Order(4)
    void whileRedisIsDownEachReplicaLimitsOnItsOwnAndAfterwardsTheyShareAgain() {
        double failuresOnA = a.redisFailures();
        double failuresOnB = b.redisFailures();
        Replica latecomer = null;
        redis.stop();
        try {
            String client = newClient();
            for (String remaining : List.of("2", "1", "0")) {
                assertRemaining(a.jwks(client), remaining);
            }
            assertThat(a.jwks(client).status()).isEqualTo(429);
            assertRemaining(b.jwks(client), "2");
            TestRealm realm = TestRealm.create(b.bean(Realms.class), b.bean(ApiKeys.class));
            assertThat(b.verify(realm.deviceKey(), client).errorCode()).isEqualTo("code_invalid");
            assertThat(a.redisFailures()).isGreaterThan(failuresOnA);
            assertThat(b.redisFailures()).isGreaterThan(failuresOnB);

            a.bean(Realms.class).update(realm.id(), Map.of("allowed_cidrs_device_api", "10.0.0.0/8"), Actor.system());
            assertThat(a.verify(realm.deviceKey(), client).errorCode())
                    .as("a change made while Redis is down applies where it was made")
                    .isEqualTo("unauthorized");

            latecomer = replica(a.context().getEnvironment().getProperty("enverify.data-dir"));
            assertRemaining(latecomer.jwks(client), "2");
        } finally {
            redis.restart();
        }

        try {
            for (Replica replica : List.of(a, b, latecomer)) {
                Waiting.until(
                        "every replica to keep its buckets in Redis again",
                        MESSAGE_DEADLINE,
                        () -> keepsBucketsInRedis(replica));
            }
            String client = newClient();
            assertRemaining(a.jwks(client), "2");
            assertRemaining(b.jwks(client), "1");
            assertRemaining(latecomer.jwks(client), "0");
            Waiting.until(
                    "every replica to listen for invalidations again",
                    MESSAGE_DEADLINE,
                    () -> redis.commands().pubsubNumsub("enverify:invalidate").getOrDefault("enverify:invalidate", 0L)
                            >= 3);
        } finally {
            latecomer.context().close();
        }
    }
}
