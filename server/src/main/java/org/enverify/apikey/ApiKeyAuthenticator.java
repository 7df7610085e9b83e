package org.enverify.apikey;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.enverify.platform.net.AddressRanges;
import org.enverify.platform.net.ClientAddresses;
import org.enverify.realm.Realm;
import org.springframework.stereotype.Component;

/**
 * Authenticates a request by its {@code X-API-Key}, in one place for controllers (through {@link
 * RequireApiKey}) and for filters that answer before any controller, such as chaff.
 */
@Component
public class ApiKeyAuthenticator {

    public static final String HEADER = "X-API-Key";

    private static final String AUTHENTICATED = ApiKeyAuthenticator.class.getName() + ".authenticated.";

    private final ApiKeys apiKeys;
    private final ClientAddresses clients;

    ApiKeyAuthenticator(ApiKeys apiKeys, ClientAddresses clients) {
        this.apiKeys = apiKeys;
        this.clients = clients;
    }

    /**
     * The caller behind the request: a live key of the required type, of a realm that is not
     * disabled, sent from a network the realm allows for the key's API surface. Empty means 401. The
     * outcome is kept on the request, so a filter and the controller after it ask once.
     */
    public Optional<ApiCaller> authenticate(HttpServletRequest request, ApiKeyType required) {
        String attribute = AUTHENTICATED + required.name();
        if (request.getAttribute(attribute) instanceof Optional<?> known) {
            return known.map(ApiCaller.class::cast);
        }
        Optional<ApiCaller> caller =
                apiKeys.authenticate(request, required).filter(found -> fromAllowedNetwork(found, request));
        request.setAttribute(attribute, caller);
        return caller;
    }

    /** A realm may confine each API surface to its own address ranges; an empty list allows all. */
    private boolean fromAllowedNetwork(ApiCaller caller, HttpServletRequest request) {
        Realm realm = caller.loadedRealm();
        AddressRanges allowed =
                caller.type() == ApiKeyType.DEVICE ? realm.deviceApiNetworks() : realm.adminApiNetworks();
        return allowed.admits(() -> clients.of(request));
    }
}
