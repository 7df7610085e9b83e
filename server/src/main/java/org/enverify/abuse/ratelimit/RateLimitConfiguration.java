package org.enverify.abuse.ratelimit;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import org.enverify.apikey.ApiKeys;
import org.enverify.platform.ConditionalOnRole;
import org.enverify.platform.ProcessRole;
import org.enverify.platform.net.ClientAddresses;
import org.enverify.platform.redis.Redis;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Rate limits wherever requests from outside arrive; workers take none. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole({ProcessRole.UI, ProcessRole.DEVICE_API, ProcessRole.ADMIN_API, ProcessRole.REDIRECT})
class RateLimitConfiguration {

    /** After the request log ({@code HIGHEST_PRECEDENCE}) and the chaff filter ({@code HIGHEST_PRECEDENCE + 10}). */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

    @Bean
    RateLimiter rateLimiter(RateLimitSettings settings, Redis redis, Clock clock, MeterRegistry meters) {
        Map<Surface, Limit> limits = settings.limits();
        return new RateLimiter(limits, new Buckets(limits, redis, clock, meters), clock, meters);
    }

    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilter(
            RateLimiter limiter, ApiKeys apiKeys, ClientAddresses clients) {
        FilterRegistrationBean<RateLimitFilter> registration =
                new FilterRegistrationBean<>(new RateLimitFilter(limiter, apiKeys, clients));
        registration.setName("rateLimitFilter");
        registration.setOrder(ORDER);
        return registration;
    }

    /** Before Spring Security's filters, so a refused attempt never reaches the password check. */
    @Bean
    FilterRegistrationBean<SignInThrottleFilter> signInThrottleFilter(RateLimiter limiter, ClientAddresses clients) {
        FilterRegistrationBean<SignInThrottleFilter> registration =
                new FilterRegistrationBean<>(new SignInThrottleFilter(limiter, clients));
        registration.setName("signInThrottleFilter");
        registration.setOrder(ORDER + 1);
        return registration;
    }
}
