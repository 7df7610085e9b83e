package org.enverify.abuse.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.enverify.platform.redis.Redis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token buckets, in Redis when one is configured so that every replica draws from the same bucket,
 * and in a bounded map in this process otherwise. When Redis fails, a request is judged by a local
 * bucket instead, and Redis is tried again a second later: a limit is then per process, never a
 * failed request.
 */
class Buckets {

    private static final Duration REDIS_RETRY = Duration.ofSeconds(1);
    private static final int LOCAL_BUCKETS_PER_SURFACE = 100_000;
    private static final Logger log = LoggerFactory.getLogger(Buckets.class);

    private final Redis redis;
    private final TimeMeter time;
    private final Map<Surface, BucketConfiguration> configurations = new EnumMap<>(Surface.class);
    private final Map<Surface, Cache<String, Bucket>> local = new EnumMap<>(Surface.class);
    private final Counter redisFailures;
    private final AtomicBoolean redisDown = new AtomicBoolean();
    private volatile ProxyManager<String> shared;
    private volatile long redisRetryAt = System.nanoTime();

    Buckets(Map<Surface, Limit> limits, Redis redis, Clock clock, MeterRegistry meters) {
        this.redis = redis;
        this.time = new ClockTime(clock);
        limits.forEach((surface, limit) -> {
            configurations.put(
                    surface,
                    BucketConfiguration.builder()
                            .addLimit(bandwidth ->
                                    bandwidth.capacity(limit.tokens()).refillGreedy(limit.tokens(), limit.interval()))
                            .build());
            // a bucket left alone for its interval is full again, as a new one would be
            local.put(
                    surface,
                    Caffeine.newBuilder()
                            .maximumSize(LOCAL_BUCKETS_PER_SURFACE)
                            .expireAfterAccess(limit.interval())
                            .build());
        });
        this.redisFailures = Counter.builder("enverify.ratelimit.redis.failures")
                .description("Rate limit decisions that Redis could not make, taken by a local bucket instead")
                .register(meters);
    }

    /** Takes one token from the surface's bucket for the key. */
    ConsumptionProbe take(Surface surface, String key) {
        return apply(surface, key, bucket -> bucket.tryConsumeAndReturnRemaining(1));
    }

    /** How long until the surface's bucket for the key holds a token, without taking one; zero when it does. */
    Duration untilToken(Surface surface, String key) {
        return Duration.ofNanos(
                apply(surface, key, bucket -> bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill()));
    }

    private <T> T apply(Surface surface, String key, Function<Bucket, T> operation) {
        if (redis.configured() && System.nanoTime() - redisRetryAt >= 0) {
            try {
                T probe = operation.apply(sharedBuckets().builder().build(key, () -> configurations.get(surface)));
                if (redisDown.compareAndSet(true, false)) {
                    log.info("Redis answers again; rate limits are shared by every replica again");
                }
                return probe;
            } catch (RuntimeException e) {
                redisFailures.increment();
                redisRetryAt = System.nanoTime() + REDIS_RETRY.toNanos();
                if (redisDown.compareAndSet(false, true)) {
                    log.warn("Redis failed ({}); rate limits are per process until it answers again", e.toString());
                }
            }
        }
        return operation.apply(local.get(surface)
                .get(
                        key,
                        ignored -> Bucket.builder()
                                .addLimit(configurations.get(surface).getBandwidths()[0])
                                .withCustomTimePrecision(time)
                                .build()));
    }

    private ProxyManager<String> sharedBuckets() {
        ProxyManager<String> manager = shared;
        if (manager == null) {
            manager = Bucket4jLettuce.casBasedBuilder(
                            redis.commands().orElseThrow(() -> new IllegalStateException("Redis has not answered yet")))
                    .clientClock(time)
                    .requestTimeout(Redis.COMMAND_TIMEOUT)
                    .expirationAfterWrite(
                            ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                    .build();
            shared = manager;
        }
        return manager;
    }

    /** Bucket time from the Clock bean, so tests refill a bucket by moving the clock. */
    private record ClockTime(Clock clock) implements TimeMeter {

        @Override
        public long currentTimeNanos() {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
