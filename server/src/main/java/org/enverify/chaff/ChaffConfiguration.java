package org.enverify.chaff;

import java.time.Clock;
import org.enverify.apikey.ApiKeyAuthenticator;
import org.enverify.platform.ConditionalOnRole;
import org.enverify.platform.ProcessRole;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Chaff belongs to the device API: only its processes answer it. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(ProcessRole.DEVICE_API)
class ChaffConfiguration {

    @Bean
    FilterRegistrationBean<ChaffFilter> chaffFilter(
            ApiKeyAuthenticator authenticator, JdbcClient jdbc, Clock clock, JsonMapper json) {
        var registration =
                new FilterRegistrationBean<>(new ChaffFilter(authenticator, new ChaffEvents(jdbc, clock), json));
        registration.setOrder(ChaffFilter.ORDER);
        registration.addUrlPatterns(ChaffFilter.VERIFY, ChaffFilter.CERTIFICATE, ChaffFilter.USER_REPORT);
        return registration;
    }
}
