package org.enverify.platform.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RedisTests {

    @Test
    void withoutAUrlThereIsNoRedisAndNothingToPublishTo() {
        Redis redis = new Redis(new RedisSettings(""));

        assertThat(redis.configured()).isFalse();
        assertThat(redis.commands()).isEmpty();
        assertThat(redis.publish("channel", "message")).isFalse();
    }

    @Test
    void aMalformedUrlIsRefusedWithoutRepeatingIt() {
        for (String url : new String[] {"redis://:secret-password@", "http://user:secret-password@host", "host:6379"}) {
            assertThatThrownBy(() -> new Redis(new RedisSettings(url)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("ENVERIFY_REDIS_URL must look like redis://host:6379")
                    .hasMessageNotContaining("secret-password");
        }
    }
}
