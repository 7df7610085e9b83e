package org.enverify.platform.net;

import java.util.List;
import org.apache.catalina.valves.RemoteIpValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Behind the proxies of {@code ENVERIFY_TRUSTED_PROXIES}, Tomcat's {@link RemoteIpValve} takes the client, the
 * scheme, the host and the port from their {@code X-Forwarded-*} headers before anything else reads the request,
 * so the session cookie, redirects, HSTS and the realm a host selects all see what the client used. Headers from
 * any other peer are left alone.
 */
@Configuration(proxyBeanMethods = false)
class TrustedProxyConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> trustedProxyValve(NetworkSettings settings) {
        List<String> ranges = settings.trustedProxies().stream()
                .filter(text -> !text.isBlank())
                .map(text -> Cidr.parse(text)
                        .orElseThrow(() -> new IllegalArgumentException(
                                "ENVERIFY_TRUSTED_PROXIES holds '" + text + "', which is not an address range")))
                .map(Cidr::toString)
                .toList();
        return factory -> {
            if (ranges.isEmpty()) {
                return;
            }
            RemoteIpValve valve = new RemoteIpValve();
            // Ranges in CIDR notation, which Tomcat reads as such because each carries a prefix length.
            valve.setInternalProxies(String.join(",", ranges));
            valve.setTrustedProxies(null);
            valve.setRemoteIpHeader("X-Forwarded-For");
            valve.setProtocolHeader("X-Forwarded-Proto");
            valve.setHostHeader("X-Forwarded-Host");
            valve.setPortHeader("X-Forwarded-Port");
            factory.addEngineValves(valve);
        };
    }
}
