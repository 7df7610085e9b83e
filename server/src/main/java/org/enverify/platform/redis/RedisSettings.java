package org.enverify.platform.redis;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the Redis that replicas share lives.
 *
 * @param redisUrl {@code redis://[user:password@]host:port[/database]} or {@code rediss://...} for TLS
 *     ({@code ENVERIFY_REDIS_URL}); empty keeps rate limits and cache invalidation inside each process
 */
@ConfigurationProperties("enverify")
public record RedisSettings(@DefaultValue("") String redisUrl) {}
