package org.enverify.redirect;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.enverify.mobileapp.MobileApps;
import org.enverify.platform.web.CommonRoutes;
import org.enverify.realm.Realms;
import org.enverify.realm.RequestHost;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/** The app-link host's answers, for the realm whose region the host names (resolved by the host filter). */
class AppLinkHandlers {

    private final MobileApps apps;
    private final Realms realms;

    AppLinkHandlers(MobileApps apps, Realms realms) {
        this.apps = apps;
        this.realms = realms;
    }

    ServerResponse appleAppSiteAssociation(ServerRequest request) {
        RequestHost host = RequestHost.of(request.servletRequest());
        if (host.realm() == null) {
            return notFound("request is missing region");
        }
        AssociationFiles.AppleAppSiteAssociation file = AssociationFiles.apple(apps.enabled(host.realm()));
        return file == null ? notFound("no apps are registered") : json(file);
    }

    ServerResponse assetLinks(ServerRequest request) {
        RequestHost host = RequestHost.of(request.servletRequest());
        if (host.realm() == null) {
            return notFound("request is missing region");
        }
        List<AssociationFiles.Statement> statements = AssociationFiles.android(apps.enabled(host.realm()));
        return statements.isEmpty() ? notFound("no apps are registered") : json(statements);
    }

    ServerResponse redirect(ServerRequest request) {
        HttpServletRequest servlet = request.servletRequest();
        AppLinkTargets.Answer answer = AppLinkTargets.answer(
                AppLinkTargets.Device.of(servlet.getHeader(HttpHeaders.USER_AGENT)),
                site(RequestHost.of(servlet)),
                CommonRoutes.path(servlet),
                servlet.getQueryString());
        return switch (answer) {
            case AppLinkTargets.Redirect redirect ->
                ServerResponse.status(HttpStatus.SEE_OTHER)
                        .header(HttpHeaders.LOCATION, redirect.location())
                        .build();
            case AppLinkTargets.Page page ->
                ServerResponse.status(page.status).render("redirect/answer", Map.of("message", page.messageKey));
        };
    }

    private AppLinkTargets.Site site(RequestHost host) {
        if (host.region() == null) {
            return AppLinkTargets.Site.NONE;
        }
        return Optional.ofNullable(host.realm())
                .flatMap(realms::find)
                .map(realm -> AppLinkTargets.Site.of(
                        host.region(),
                        realm.settings(ExpressRealmSettings.class).enableEnExpress(),
                        AppLinkTargets.StoreData.of(apps.enabled(realm.id()))))
                .orElseGet(() -> AppLinkTargets.Site.unknown(host.region()));
    }

    private static ServerResponse json(Object body) {
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private static ServerResponse notFound(String message) {
        return ServerResponse.status(HttpStatus.NOT_FOUND)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("error", message));
    }
}
