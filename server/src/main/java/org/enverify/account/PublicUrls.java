package org.enverify.account;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import org.enverify.platform.Refusal;
import org.enverify.realm.RealmHostNames;
import org.enverify.realm.Realms;
import org.enverify.realm.RequestHost;
import org.springframework.stereotype.Component;

/**
 * Where the links in mails point, from configuration alone: {@code ENVERIFY_PUBLIC_URL}; on a realm's own host
 * ({@code ENVERIFY_TENANCY_HOST_SUFFIX}) that host, built from the suffix and the realm's slug. Without a public
 * URL, the address the server listens on, and only for a request that came to it by that address. The Host a
 * client sent never reaches a mail.
 */
@Component
public class PublicUrls {

    private final Optional<URI> publicUrl;
    private final RealmHostNames realmHosts;
    private final Realms realms;

    PublicUrls(AccountSettings settings, RealmHostNames realmHosts, Realms realms) {
        this.publicUrl = Optional.ofNullable(settings.publicUrl())
                .filter(url -> !url.isBlank())
                .map(url -> URI.create(url.strip().replaceAll("/+$", "")));
        this.realmHosts = realmHosts;
        this.realms = realms;
    }

    /**
     * @return the address links in a mail caused by this request start with, without a trailing slash
     * @throws Refusal when no public URL is configured and the request came by another name
     *     than the address the server listens on
     */
    public String baseFor(HttpServletRequest request) {
        RequestHost host = RequestHost.of(request);
        if (host.kind() == RequestHost.Kind.REALM_UI) {
            Optional<String> realmHost =
                    realms.find(host.realm()).flatMap(realmHosts::uiHost).map(name -> origin(name, request));
            if (realmHost.isPresent()) {
                return realmHost.get();
            }
        }
        return publicUrl.map(URI::toString).orElseGet(() -> listeningAddress(request));
    }

    private String origin(String hostName, HttpServletRequest request) {
        if (publicUrl.isPresent()) {
            URI url = publicUrl.get();
            return url.getScheme() + "://" + hostName + (url.getPort() == -1 ? "" : ":" + url.getPort());
        }
        boolean defaultPort = request.getServerPort() == ("https".equals(request.getScheme()) ? 443 : 80);
        return request.getScheme() + "://" + hostName + (defaultPort ? "" : ":" + request.getServerPort());
    }

    private static String listeningAddress(HttpServletRequest request) {
        String name = request.getServerName().toLowerCase(Locale.ROOT);
        String bare = name.startsWith("[") ? name.substring(1, name.length() - 1) : name;
        boolean ours = bare.equals("localhost")
                || bare.equals("127.0.0.1")
                || bare.equals("::1")
                || bare.equals(request.getLocalAddr());
        if (!ours) {
            throw InputRefusal.of(
                    "email", "no link can be sent from a request by an unknown host name", "links.unknownHost");
        }
        String hostPart = bare.contains(":") ? "[" + bare + "]" : bare;
        return request.getScheme() + "://" + hostPart + ":" + request.getLocalPort();
    }
}
