package org.enverify.account;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Optional sign-in through the organisation's OpenID Connect provider; off while the issuer is unset.
 *
 * @param issuerUri the provider's issuer, whose {@code /.well-known/openid-configuration} describes it
 *     ({@code ENVERIFY_OIDC_ISSUER_URI})
 * @param clientId Enverify's client id at the provider ({@code ENVERIFY_OIDC_CLIENT_ID})
 * @param clientSecret Enverify's client secret at the provider ({@code ENVERIFY_OIDC_CLIENT_SECRET})
 * @param name the provider's name on the sign-in button ({@code ENVERIFY_OIDC_NAME})
 */
@ConfigurationProperties("enverify.oidc")
public record OidcSettings(
        String issuerUri,
        String clientId,
        String clientSecret,
        @DefaultValue("single sign-on") String name) {

    public boolean enabled() {
        return issuerUri != null && !issuerUri.isBlank();
    }
}
