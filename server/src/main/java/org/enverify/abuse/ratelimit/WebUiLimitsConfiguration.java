package org.enverify.abuse.ratelimit;

import org.enverify.platform.ConditionalOnRole;
import org.enverify.platform.ProcessRole;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The web UI's limit per signed-in user, taken once Spring Security knows who is asking. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(ProcessRole.UI)
class WebUiLimitsConfiguration implements WebMvcConfigurer {

    private final RateLimiter limiter;

    WebUiLimitsConfiguration(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new SignedInUserLimit(limiter));
    }
}
