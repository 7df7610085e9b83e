package org.enverify.platform.api;

import jakarta.servlet.DispatcherType;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The contract's error object on every refusal under {@code /api}, from the filters down to Tomcat. */
@Configuration(proxyBeanMethods = false)
class ApiErrorConfiguration {

    /** Outside every filter but the request log, so it sees what the others refuse. */
    @Bean
    FilterRegistrationBean<ApiErrorFilter> apiErrorFilter() {
        FilterRegistrationBean<ApiErrorFilter> registration = new FilterRegistrationBean<>(new ApiErrorFilter());
        registration.setName("apiErrorFilter");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        return registration;
    }

    /**
     * Replaces the error report valve Boot adds to the host: runs after Boot's customizer, so its
     * valve is there to be replaced.
     */
    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> apiErrorReportValve() {
        return new ErrorReportValveCustomizer();
    }

    private static final class ErrorReportValveCustomizer
            implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }

        @Override
        public void customize(ConfigurableTomcatWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                var hostValves = context.getParent().getPipeline();
                for (Valve valve : hostValves.getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        hostValves.removeValve(valve);
                    }
                }
                hostValves.addValve(new ApiErrorReportValve());
                // the host adds a valve of its configured class at start unless one of that class is there
                ((StandardHost) context.getParent()).setErrorReportValveClass(ApiErrorReportValve.class.getName());
            });
        }
    }
}
