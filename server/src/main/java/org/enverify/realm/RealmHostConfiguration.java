package org.enverify.realm;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The realm a Host selects, resolved at the edge for every role (see {@link RequestHost}). */
@Configuration(proxyBeanMethods = false)
class RealmHostConfiguration {

    @Bean
    FilterRegistrationBean<RealmHostFilter> realmHostFilter(HostSettings settings, Realms realms) {
        FilterRegistrationBean<RealmHostFilter> registration =
                new FilterRegistrationBean<>(new RealmHostFilter(new HostRules(settings), realms));
        // After the forwarded-header filter, which may replace the host, and the security headers, which its 404s
        // carry.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }
}
