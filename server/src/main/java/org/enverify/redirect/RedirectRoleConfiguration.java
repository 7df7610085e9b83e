package org.enverify.redirect;

import java.time.Clock;
import org.enverify.apikey.ApiKeys;
import org.enverify.code.Codes;
import org.enverify.mobileapp.MobileApps;
import org.enverify.platform.ConditionalOnRole;
import org.enverify.platform.ProcessRole;
import org.enverify.platform.crypto.SecretCipher;
import org.enverify.platform.net.OutboundHttp;
import org.enverify.platform.net.OutboundUrls;
import org.enverify.platform.net.WebhookSettings;
import org.enverify.realm.Realms;
import org.enverify.realm.RequestHost;
import org.enverify.sms.SmsMessages;
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
 * before the annotated controllers of the other roles.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(ProcessRole.REDIRECT)
class RedirectRoleConfiguration {

    @Bean
    UserReportPage userReportPage(
            ApiKeys apiKeys,
            Realms realms,
            Codes codes,
            SmsMessages sms,
            SecretCipher cipher,
            OutboundUrls urls,
            WebhookSettings webhooks,
            Clock clock) {
        return new UserReportPage(
                apiKeys,
                realms,
                codes,
                sms,
                cipher,
                urls,
                new OutboundHttp(webhooks.timeout(), 64 * 1024, false),
                clock);
    }

    @Bean
    RouterFunction<ServerResponse> appLinkRoutes(MobileApps apps, UserReportPage reportPage) {
        AppLinkHandlers handlers = new AppLinkHandlers(apps);
        RequestPredicate onAppLinkHost =
                request -> RequestHost.of(request.servletRequest()).kind() == RequestHost.Kind.REDIRECT;
        return RouterFunctions.route()
                .GET("/.well-known/apple-app-site-association", onAppLinkHost, handlers::appleAppSiteAssociation)
                .GET("/.well-known/assetlinks.json", onAppLinkHost, handlers::assetLinks)
                .GET("/report", onAppLinkHost, reportPage::show)
                .POST("/report", onAppLinkHost, reportPage::submit)
                .GET("/**", onAppLinkHost, handlers::redirect)
                .build();
    }
}
