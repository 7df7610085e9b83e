package org.enverify.platform.cache;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.enverify.platform.redis.Redis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells every process that a cached entry is stale. The process that made the change drops the
 * entry itself; with Redis, the others hear of it on the {@value #CHANNEL} channel. Without Redis, or
 * when a message is lost, the cache lifetime ({@code ENVERIFY_CACHE_TTL}) bounds how stale they get.
 */
@Component
public class CacheInvalidation {

    static final String CHANNEL = "enverify:invalidate";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Logger log = LoggerFactory.getLogger(CacheInvalidation.class);

    /** What travels on the channel; {@code origin} lets a process skip its own messages. */
    record Message(String cache, String key, String origin) {}

    private final Redis redis;
    private final String origin = UUID.randomUUID().toString();
    private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();

    CacheInvalidation(Redis redis) {
        this.redis = redis;
        redis.subscribe(CHANNEL, this::received);
    }

    /** Calls {@code listener} with the key of each entry of {@code cache} that a change made stale. */
    public void onInvalidate(String cache, Consumer<String> listener) {
        listeners
                .computeIfAbsent(cache, ignored -> new CopyOnWriteArrayList<>())
                .add(listener);
    }

    /**
     * Drops the entry here and in every other process. Inside a transaction this happens after the
     * commit, so no process can reload the entry before the change is visible.
     */
    public void publish(String cache, String key) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    invalidateEverywhere(cache, key);
                }
            });
        } else {
            invalidateEverywhere(cache, key);
        }
    }

    private void invalidateEverywhere(String cache, String key) {
        invalidateHere(cache, key);
        if (redis.configured() && !redis.publish(CHANNEL, JSON.writeValueAsString(new Message(cache, key, origin)))) {
            log.warn(
                    "Could not tell other processes that an entry of cache {} changed; they see it within the cache lifetime",
                    cache);
        }
    }

    private void received(String text) {
        Message message;
        try {
            message = JSON.readValue(text, Message.class);
        } catch (JacksonException e) {
            log.warn("Ignored a malformed message on {}", CHANNEL);
            return;
        }
        if (origin.equals(message.origin()) || message.cache() == null || message.key() == null) {
            return;
        }
        try {
            invalidateHere(message.cache(), message.key());
        } catch (RuntimeException e) {
            log.warn(
                    "Ignored an invalidation of cache {} that this process cannot apply: {}",
                    message.cache(),
                    e.toString());
        }
    }

    private void invalidateHere(String cache, String key) {
        listeners.getOrDefault(cache, List.of()).forEach(listener -> listener.accept(key));
    }
}
