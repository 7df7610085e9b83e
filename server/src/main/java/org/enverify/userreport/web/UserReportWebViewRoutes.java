package org.enverify.userreport.web;

import java.time.Clock;
import org.enverify.apikey.ApiKeys;
import org.enverify.platform.ConditionalOnRole;
import org.enverify.platform.ProcessRole;
import org.enverify.platform.crypto.SecretCipher;
import org.enverify.realm.RealmBranding;
import org.enverify.realm.Realms;
import org.enverify.realm.RequestHost;
import org.enverify.userreport.UserReports;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The user-report web view belongs to the redirect role and answers on app-link hosts only, where the redirect
 * role's routes take every other path: so its routes are asked first.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(ProcessRole.REDIRECT)
class UserReportWebViewRoutes {

    @Bean
    UserReportPage userReportPage(
            ApiKeys apiKeys,
            Realms realms,
            UserReports userReports,
            SecretCipher cipher,
            Clock clock,
            RealmBranding branding) {
        return new UserReportPage(apiKeys, realms, userReports, cipher, clock, branding);
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    RouterFunction<ServerResponse> userReportRoutes(UserReportPage page) {
        RequestPredicate onAppLinkHost =
                request -> RequestHost.of(request.servletRequest()).kind() == RequestHost.Kind.REDIRECT;
        return RouterFunctions.route()
                .GET("/report", onAppLinkHost, page::show)
                .POST("/report", onAppLinkHost, page::submit)
                .build();
    }
}
