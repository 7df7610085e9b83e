package org.enverify.platform.redis;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the Redis that replicas share lives.
 *
 * @param redisUrl {@code redis://[user:password@]host:port[/database]}, {@code rediss://...} for TLS, or
 *     {@code redis-sentinel://[password@]host1:26379,host2:26379[/database]#master} to reach the master
 *     that Sentinels name ({@code ENVERIFY_REDIS_URL}); empty keeps rate limits and cache invalidation
 *     inside each process
 */
@ConfigurationProperties("enverify")
public record RedisSettings(@DefaultValue("") String redisUrl) {}
