package org.enverify.apikey;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.enverify.platform.net.Cidr;
import org.enverify.platform.net.ClientAddresses;
import org.enverify.realm.Realm;
import org.enverify.realm.Realms;
import org.springframework.stereotype.Component;

/**
 * Authenticates a request by its {@code X-API-Key}, in one place for controllers (through {@link
 * RequireApiKey}) and for filters that answer before any controller, such as chaff.
 */
@Component
public class ApiKeyAuthenticator {

    public static final String HEADER = "X-API-Key";

    private final ApiKeys apiKeys;
    private final Realms realms;
    private final ClientAddresses clients;

    ApiKeyAuthenticator(ApiKeys apiKeys, Realms realms, ClientAddresses clients) {
        this.apiKeys = apiKeys;
        this.realms = realms;
        this.clients = clients;
    }

    /**
     * The caller behind the request: a live key of the required type, of a realm that is not
     * disabled, sent from a network the realm allows for the key's API surface. Empty means 401.
     */
    public Optional<ApiCaller> authenticate(HttpServletRequest request, ApiKeyType required) {
        return apiKeys.authenticate(request, required).filter(caller -> fromAllowedNetwork(caller, request));
    }

    /** A realm may confine each API surface to its own address ranges; an empty list allows all. */
    private boolean fromAllowedNetwork(ApiCaller caller, HttpServletRequest request) {
        Realm realm = realms.find(caller.realm()).orElse(null);
        if (realm == null) {
            return false;
        }
        List<String> allowed =
                caller.type() == ApiKeyType.DEVICE ? realm.allowedCidrsDeviceApi() : realm.allowedCidrsAdminApi();
        if (allowed.isEmpty()) {
            return true;
        }
        InetAddress client = clients.of(request);
        return allowed.stream().map(Cidr::parse).flatMap(Optional::stream).anyMatch(range -> range.contains(client));
    }
}
