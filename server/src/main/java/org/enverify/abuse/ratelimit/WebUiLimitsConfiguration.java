package org.enverify.abuse.ratelimit;

import org.enverify.platform.ConditionalOnRole;
import org.enverify.platform.ProcessRole;
import org.enverify.platform.net.ClientAddresses;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The web UI's limits per signed-in user and per address of anonymous pages, taken once Spring Security knows who is asking. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(ProcessRole.UI)
class WebUiLimitsConfiguration implements WebMvcConfigurer {

    private final RateLimiter limiter;
    private final ClientAddresses clients;

    WebUiLimitsConfiguration(RateLimiter limiter, ClientAddresses clients) {
        this.limiter = limiter;
        this.clients = clients;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new WebUiLimit(limiter, clients));
    }
}
