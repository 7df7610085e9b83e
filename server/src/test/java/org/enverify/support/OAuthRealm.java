package org.enverify.support;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.enverify.apikey.ApiKeys;
import org.enverify.realm.RealmId;
import org.enverify.realm.Realms;

/**
 * A fresh realm whose management API trusts a fresh tenant of the {@link TestIdentityProvider}, and tokens
 * of that tenant for the realm's audience.
 */
public record OAuthRealm(RealmId id, TestIdentityProvider.Tenant provider, String audience, MutableClock clock) {

    public static final String AUDIENCE = "enverify-realm";

    /** With the provider's keys found by OpenID discovery of its issuer. */
    public static OAuthRealm create(Realms realms, ApiKeys apiKeys, MutableClock clock) {
        return create(realms, apiKeys, clock, Map.of());
    }

    public static OAuthRealm create(Realms realms, ApiKeys apiKeys, MutableClock clock, Map<String, String> more) {
        TestIdentityProvider.Tenant tenant = TestIdentityProvider.get().newTenant();
        Map<String, String> settings = new HashMap<>(more);
        settings.put("oauth_enabled", "true");
        settings.put("oauth_issuer", tenant.issuer());
        settings.put("oauth_audience", AUDIENCE);
        TestRealm realm = TestRealm.create(realms, apiKeys, settings);
        return new OAuthRealm(realm.id(), tenant, AUDIENCE, clock);
    }

    /** A token of the realm's provider with these permissions (upstream names) as scopes. */
    public String token(String... permissions) {
        return tokenOf("alice", permissions);
    }

    public String tokenOf(String subject, String... permissions) {
        return provider.token(
                clock.instant(),
                audience,
                subject,
                String.join(
                        " ",
                        Set.of(permissions).stream().map(p -> "enverify:" + p).toList()));
    }

    /** {@code /api/v1/realms/<id><rest>}. */
    public String path(String rest) {
        return "/api/v1/realms/" + id + rest;
    }

    /** A token of the operator with {@code enverify:system}. */
    public static String operatorToken(MutableClock clock) {
        return TestIdentityProvider.get()
                .tenant(TestIdentityProvider.OPERATOR)
                .token(clock.instant(), TestIdentityProvider.OPERATOR_AUDIENCE, "ops-robot", "enverify:system");
    }

    /** A management API request on {@code /api/v1/realms/<id><rest>} with the token, JSON when there is a body. */
    public ApiClient.Response call(
            ApiClient api, String method, String rest, String token, String body, Map<String, String> more) {
        Map<String, String> headers = new HashMap<>(bearer(token));
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        headers.putAll(more);
        return api.request(method, path(rest), headers, body);
    }

    public static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }
}
