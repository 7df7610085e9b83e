package org.enverify.abuse.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class RateLimitSettingsTests {

    private static RateLimitSettings fromEnvironment(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("env", variables));
        return Binder.get(environment).bindOrCreate("enverify.rate-limit", RateLimitSettings.class);
    }

    @Test
    void environmentVariablesNameTheirSurface() {
        RateLimitSettings settings = fromEnvironment(
                Map.of("ENVERIFY_RATE_LIMIT_DEVICE_API", "120/1m", "ENVERIFY_RATE_LIMIT_JWKS", "10/30s"));

        assertThat(settings.limits())
                .containsEntry(Surface.DEVICE_API, new Limit(120, Duration.ofMinutes(1)))
                .containsEntry(Surface.JWKS, new Limit(10, Duration.ofSeconds(30)))
                .containsEntry(Surface.ADMIN_API, new Limit(60, Duration.ofMinutes(1)))
                .containsEntry(Surface.REDIRECT, new Limit(60, Duration.ofMinutes(1)))
                .containsEntry(Surface.UI, new Limit(60, Duration.ofMinutes(1)));
    }

    @Test
    void limitsTakeSecondsMinutesHoursAndDays() {
        assertThat(Limit.parse("X", "5/30s")).isEqualTo(new Limit(5, Duration.ofSeconds(30)));
        assertThat(Limit.parse("X", " 1000 / 1h ")).isEqualTo(new Limit(1000, Duration.ofHours(1)));
        assertThat(Limit.parse("X", "1/1d")).isEqualTo(new Limit(1, Duration.ofDays(1)));
    }

    @Test
    void aMalformedLimitStopsTheStartWithTheVariableAndTheForm() {
        for (String bad : new String[] {"", "60", "60/", "/1m", "0/1m", "60/0s", "60/1", "60/1w", "-1/1m", "60/PT1M"}) {
            assertThatThrownBy(() -> fromEnvironment(Map.of("ENVERIFY_RATE_LIMIT_ADMIN_API", bad)))
                    .as(bad)
                    .isInstanceOf(BindException.class)
                    .rootCause()
                    .hasMessageContaining("ENVERIFY_RATE_LIMIT_ADMIN_API is '" + bad + "'")
                    .hasMessageContaining("such as 60/1m");
        }
    }

    @Test
    void anIpv6ClientIsJudgedByItsSlash64() throws Exception {
        assertThat(RateLimitFilter.addressKey(InetAddress.getByName("2001:db8:1:2:aaaa:bbbb:cccc:dddd")))
                .isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(RateLimitFilter.addressKey(InetAddress.getByName("::1"))).isEqualTo("0:0:0:0:0:0:0:0/64");
        assertThat(RateLimitFilter.addressKey(InetAddress.getByName("192.0.2.1")))
                .isEqualTo("192.0.2.1");
    }
}
