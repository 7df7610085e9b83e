package org.enverify.redirect;

import org.enverify.mobileapp.MobileApps;
import org.enverify.platform.ConditionalOnRole;
import org.enverify.platform.ProcessRole;
import org.enverify.realm.Realms;
import org.enverify.realm.RequestHost;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The redirect role's routes. They answer only on app-link hosts ({@code ENVERIFY_REDIRECT_DOMAIN} and
 * its subdomains, {@code ENVERIFY_REDIRECT_HOSTS}), and there every path is theirs but the routes
 * served on every host: so they are functional routes with a host predicate, which Spring MVC asks
 * before the annotated controllers of the other roles. The user-report web view's {@code /report} on these hosts
 * is asked before them.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(ProcessRole.REDIRECT)
class RedirectRoleConfiguration {

    @Bean
    RouterFunction<ServerResponse> appLinkRoutes(MobileApps apps, Realms realms) {
        AppLinkHandlers handlers = new AppLinkHandlers(apps, realms);
        RequestPredicate onAppLinkHost =
                request -> RequestHost.of(request.servletRequest()).kind() == RequestHost.Kind.REDIRECT;
        return RouterFunctions.route()
                .GET("/.well-known/apple-app-site-association", onAppLinkHost, handlers::appleAppSiteAssociation)
                .GET("/.well-known/assetlinks.json", onAppLinkHost, handlers::assetLinks)
                .GET("/**", onAppLinkHost, handlers::redirect)
                .build();
    }
}
