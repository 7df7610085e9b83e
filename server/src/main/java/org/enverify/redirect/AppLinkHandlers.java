package org.enverify.redirect;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.enverify.mobileapp.MobileApp;
import org.enverify.mobileapp.MobileApps;
import org.enverify.platform.web.CommonRoutes;
import org.enverify.realm.RequestHost;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/** The app-link host's answers, for the realm whose region the host names (resolved by the host filter). */
class AppLinkHandlers {

    private final MobileApps apps;

    AppLinkHandlers(MobileApps apps) {
        this.apps = apps;
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
        RequestHost host = RequestHost.of(servlet);
        List<MobileApp> realmApps = host.realm() == null ? List.of() : apps.enabled(host.realm());
        return AppLinkTargets.target(
                        AppLinkTargets.Device.of(servlet.getHeader(HttpHeaders.USER_AGENT)),
                        host.region(),
                        AppLinkTargets.StoreData.of(realmApps),
                        CommonRoutes.path(servlet),
                        servlet.getQueryString())
                .map(target -> ServerResponse.status(HttpStatus.SEE_OTHER)
                        .header(HttpHeaders.LOCATION, target)
                        .build())
                .orElseGet(() -> ServerResponse.notFound().build());
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
