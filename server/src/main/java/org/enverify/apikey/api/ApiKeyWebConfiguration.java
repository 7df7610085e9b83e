package org.enverify.apikey.api;

import java.util.List;
import org.enverify.apikey.ApiKeyAuthenticator;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class ApiKeyWebConfiguration implements WebMvcConfigurer {

    private final ApiKeyAuthenticator authenticator;

    ApiKeyWebConfiguration(ApiKeyAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new ApiCallerResolver(authenticator));
    }
}
