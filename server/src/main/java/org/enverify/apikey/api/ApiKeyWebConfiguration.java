package org.enverify.apikey.api;

import java.util.List;
import org.enverify.apikey.ApiKeys;
import org.enverify.platform.net.ClientAddresses;
import org.enverify.realm.Realms;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class ApiKeyWebConfiguration implements WebMvcConfigurer {

    private final ApiKeys apiKeys;
    private final Realms realms;
    private final ClientAddresses clients;

    ApiKeyWebConfiguration(ApiKeys apiKeys, Realms realms, ClientAddresses clients) {
        this.apiKeys = apiKeys;
        this.realms = realms;
        this.clients = clients;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new ApiCallerResolver(apiKeys, realms, clients));
    }
}
